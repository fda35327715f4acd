using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Library.Identity;
using Library.Lending.Command;
using Library.Lending.Query;
using Library.Reader.Command;
using Library.Reader.Query;

namespace Library.IntegrationTests;

/// <summary>
/// Production mode on this machine: the four service hosts and the gateway as separate processes
/// (the Release builds), each service with its own PostgreSQL database and SQLite folder, events over
/// the real RabbitMQ that ./test.sh starts. Exchange and queue names are unique to this run.
/// </summary>
public sealed class ServiceTopology : IAsyncLifetime
{
    public const string ReaderCommand = ReaderCommandModule.Name;
    public const string ReaderQuery = ReaderQueryModule.Name;
    public const string LendingCommand = LendingCommandModule.Name;
    public const string LendingQuery = LendingQueryModule.Name;
    public const string Identity = IdentityModule.Name;
    public const string Web = Library.Web.WebModule.Name;
    public const string Gateway = "gateway";

    /// <summary>The Identity service's bootstrap admin password in this topology (it runs in Production, which has no default).</summary>
    public const string AdminPassword = "topology-admin-password";

    /// <summary>Token requests per client address per minute at the Identity service (the tests sign in from 127.0.0.1 well below it).</summary>
    public const int TokenRequestsPerMinute = 30;

    private static readonly Dictionary<string, string> Projects = new(StringComparer.Ordinal)
    {
        [ReaderCommand] = "Library.ReaderCommand.Host",
        [ReaderQuery] = "Library.ReaderQuery.Host",
        [LendingCommand] = "Library.LendingCommand.Host",
        [LendingQuery] = "Library.LendingQuery.Host",
        [Identity] = "Library.Identity.Host",
        [Web] = "Library.Web.Host",
        [Gateway] = "Library.Gateway",
    };

    private readonly string _run = Guid.NewGuid().ToString("N")[..10];
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "library-topology", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, int> _ports = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ServiceProcess> _processes = new(StringComparer.Ordinal);

    public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The same gateway, signed in as the bootstrap admin (who may call every route).</summary>
    public HttpClient AdminClient { get; } = new(new Auth.SignedInHandler(Auth.SignIn.Admin, TimeProvider.System, AdminPassword) { InnerHandler = new SocketsHttpHandler() })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>An access token of the bootstrap admin, for a request the clients cannot make (a raw one).</summary>
    public Task<string> AdminTokenAsync() => Auth.SignIn.AccessTokenAsync(Client, Auth.SignIn.Admin, AdminPassword);

    public string Exchange => $"library.events.{_run}";

    public string GroupPrefix => $"e2e{_run}";

    public IReadOnlyCollection<string> LogOf(string service) => _processes[service].Output;

    public async ValueTask InitializeAsync()
    {
        foreach (var service in Projects.Keys)
        {
            _ports[service] = FreePort();
        }

        foreach (var database in new[] { ReaderCommand, ReaderQuery, LendingCommand, LendingQuery, Identity })
        {
            await TestServers.CreateDatabaseAsync(DatabaseOf(database));
        }

        Client.BaseAddress = new Uri($"http://127.0.0.1:{_ports[Gateway]}");
        AdminClient.BaseAddress = Client.BaseAddress;
        foreach (var service in Projects.Keys)
        {
            Start(service);
        }

        await WaitUntilReadyAsync(Gateway);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes.Values)
        {
            process.Kill();
        }

        Client.Dispose();
        AdminClient.Dispose();
        foreach (var database in new[] { ReaderCommand, ReaderQuery, LendingCommand, LendingQuery, Identity })
        {
            await TestServers.DropDatabaseAsync(DatabaseOf(database));
        }

        await DeleteBrokerTopologyAsync();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    /// <summary>Sends one HTTP/1.1 request (request line and headers, without Host) to the gateway on a plain socket; returns the status code.</summary>
    public async Task<int> SendRawAsync(string requestLineAndHeaders)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(IPAddress.Loopback, _ports[Gateway]);
        await using var stream = socket.GetStream();
        var request = $"{requestLineAndHeaders}Host: 127.0.0.1:{_ports[Gateway]}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, System.Text.Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync() ?? throw new InvalidOperationException("The gateway closed the connection without answering.");
        return int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Kills the service's process outright, as a crash or an OOM kill would.</summary>
    public void Kill(string service)
    {
        if (_processes.TryRemove(service, out var process))
        {
            process.Kill();
        }
    }

    public async Task RestartAsync(string service)
    {
        Start(service);
        await WaitUntilReadyAsync(service);
    }

    public async Task WaitUntilReadyAsync(string service)
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var url = new Uri($"http://127.0.0.1:{_ports[service]}/health/ready");
        await Eventually.Until(
            async () =>
            {
                if (_processes.TryGetValue(service, out var process) && process.HasExited)
                {
                    throw new InvalidOperationException($"{service} exited:\n{string.Join('\n', process.Output.TakeLast(40))}");
                }

                try
                {
                    using var response = await probe.GetAsync(url);
                    return response.StatusCode;
                }
                catch (HttpRequestException)
                {
                    return HttpStatusCode.ServiceUnavailable;
                }
                catch (TaskCanceledException)
                {
                    // The probe's own timeout: a service still starting (five processes share two cores) is not ready yet.
                    return HttpStatusCode.ServiceUnavailable;
                }
            },
            status => status == HttpStatusCode.OK,
            TimeSpan.FromSeconds(90),
            $"{service} ready");
    }

    private string DatabaseOf(string service) => $"{service.Replace('-', '_')}_{_run}";

    /// <summary>The PostgreSQL database of a service (its command store, or its CAP inbox for a query service).</summary>
    public string ConnectionStringOf(string service) => TestServers.ConnectionStringOf(DatabaseOf(service));

    private void Start(string service)
    {
        var project = Projects[service];
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var output = Path.Combine(Repository.Root, "Hosts", project, "bin", configuration, "net10.0");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(output, project + ".dll")])
        {
            WorkingDirectory = output,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var environment = start.Environment;
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{_ports[service]}";
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["Observability__JsonLogs"] = "true";
        if (service == Gateway)
        {
            foreach (var backend in new[] { ReaderCommand, ReaderQuery, LendingCommand, LendingQuery, Identity, Web })
            {
                environment[$"Services__{backend}"] = $"http://127.0.0.1:{_ports[backend]}";
            }
        }
        else if (service == Web)
        {
            // The front end signs in and calls the API through the gateway, the one public base URL.
            environment["Web__Authority"] = $"http://127.0.0.1:{_ports[Gateway]}";
            environment["Web__KeysDirectory"] = Path.Combine(_dataDirectory, "web-keys");
            environment["Proxy__TrustedProxies__0"] = "127.0.0.1"; // the gateway names the host the browser used
            environment["Identity__Authority"] = $"http://127.0.0.1:{_ports[Identity]}/";
            environment["Identity__Issuer"] = $"http://127.0.0.1:{_ports[Gateway]}/";
        }
        else
        {
            environment["ConnectionStrings__Messaging"] = ConnectionStringOf(service);
            environment["ConnectionStrings__RabbitMq"] = TestServers.RabbitMq;
            environment["Messaging__RabbitMq__Exchange"] = Exchange;
            environment["Messaging__GroupNamePrefix"] = GroupPrefix;
            environment["ReadStore__Provider"] = "Sqlite";
            environment["ReadStore__SqliteDirectory"] = Path.Combine(_dataDirectory, service);
            environment["ReadStore__RequireIndexedSorts"] = "true";
            if (service == ReaderCommand)
            {
                environment["ConnectionStrings__ReaderCommand"] = ConnectionStringOf(service);
            }
            else if (service == LendingCommand)
            {
                environment["ConnectionStrings__LendingCommand"] = ConnectionStringOf(service);
            }
            else if (service == Identity)
            {
                environment["ConnectionStrings__Identity"] = ConnectionStringOf(service);
                environment["Identity__Issuer"] = $"http://127.0.0.1:{_ports[Gateway]}/";
                environment["Identity__BootstrapAdminPassword"] = AdminPassword;
                environment["Identity__TokenRateLimit__PermitLimit"] = TokenRequestsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture);
                environment["Identity__WebClient__RedirectUris__0"] = $"http://127.0.0.1:{_ports[Gateway]}/signin-oidc";
                environment["Identity__WebClient__PostLogoutRedirectUris__0"] = $"http://127.0.0.1:{_ports[Gateway]}/signout-callback-oidc";
                foreach (var purpose in new[] { "Signing", "Encryption" })
                {
                    environment[$"Identity__Keys__{purpose}Certificates__0__Path"] = CertificateFor(purpose);
                    environment[$"Identity__Keys__{purpose}Certificates__0__Password"] = "topology";
                }
            }

            // The gateway names the client (X-Forwarded-For); only it is believed.
            environment["Proxy__TrustedProxies__0"] = "127.0.0.1";

            // Every service validates the Identity service's tokens from its discovery document.
            environment["Identity__Authority"] = $"http://127.0.0.1:{_ports[Identity]}/";
            environment["Identity__Issuer"] = $"http://127.0.0.1:{_ports[Gateway]}/";
        }

        _processes[service] = new ServiceProcess(Process.Start(start) ?? throw new InvalidOperationException($"{project} did not start."));
    }

    private async Task DeleteBrokerTopologyAsync()
    {
        var factory = new RabbitMQ.Client.ConnectionFactory { Uri = new Uri(TestServers.RabbitMq) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        foreach (var group in new[] { ReaderCommand, ReaderQuery, LendingCommand, LendingQuery, LendingQuery + "-stats", Identity })
        {
            await channel.QueueDeleteAsync($"{GroupPrefix}.{group}.v1", ifUnused: false, ifEmpty: false);
        }

        await channel.ExchangeDeleteAsync(Exchange, ifUnused: false);
    }

    /// <summary>A self-signed PKCS#12 file for the Identity service, made once per topology (production refuses to start without one).</summary>
    private string CertificateFor(string purpose)
    {
        var path = Path.Combine(_dataDirectory, $"identity-{purpose}.pfx");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(_dataDirectory);
            using var rsa = System.Security.Cryptography.RSA.Create(2048);
            var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
                $"CN=library-identity-{purpose}", rsa, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            File.WriteAllBytes(path, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12, "topology"));
        }

        return path;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }


    /// <summary>A running host and everything it wrote to stdout and stderr, kept for assertions and for failure messages.</summary>
    private sealed class ServiceProcess
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _output = new();

        public ServiceProcess(Process process)
        {
            _process = process;
            _process.OutputDataReceived += (_, line) => Keep(line.Data);
            _process.ErrorDataReceived += (_, line) => Keep(line.Data);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public IReadOnlyCollection<string> Output => _output;

        public bool HasExited => _process.HasExited;

        public void Kill()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }

            _process.Dispose();
        }

        private void Keep(string? line)
        {
            if (line is not null)
            {
                _output.Enqueue(line);
            }
        }
    }
}
