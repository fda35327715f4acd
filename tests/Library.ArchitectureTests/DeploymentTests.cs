using System.Text.RegularExpressions;
using Library.Identity;
using Library.Lending.Command;
using Library.Lending.Query;
using Library.Reader.Command;
using Library.Reader.Query;
using Library.Web;
using YamlDotNet.RepresentationModel;

namespace Library.ArchitectureTests;

/// <summary>
/// docker-compose.yml and the Dockerfile cannot run on our machines (no Docker engine), so what can be
/// checked by reading is checked here: the shape, every project and port they name, and that no two
/// services share a database.
/// </summary>
public sealed partial class DeploymentTests
{
    private static readonly string[] Infrastructure = ["postgres", "mongo", "rabbitmq"];

    private static readonly Dictionary<string, string> ServiceProjects = new(StringComparer.Ordinal)
    {
        [ReaderCommandModule.Name] = "Library.ReaderCommand.Host",
        [ReaderQueryModule.Name] = "Library.ReaderQuery.Host",
        [LendingCommandModule.Name] = "Library.LendingCommand.Host",
        [LendingQueryModule.Name] = "Library.LendingQuery.Host",
        [IdentityModule.Name] = "Library.Identity.Host",
        [WebModule.Name] = "Library.Web.Host",
        ["gateway"] = "Library.Gateway",
    };

    private static readonly string[] TokenValidation = ["Identity__Authority", "Identity__Issuer"];

    /// <summary>Configuration each host refuses to start without (see each module's Add… method).</summary>
    private static readonly Dictionary<string, string[]> RequiredSettings = new(StringComparer.Ordinal)
    {
        // Each service validates tokens with the Identity service's keys and expects the public issuer: without both,
        // the defaults of appsettings.json (loopback ports of ./run.sh --services) reach nothing inside a container.
        [ReaderCommandModule.Name] = ["ConnectionStrings__ReaderCommand", "ConnectionStrings__Messaging", "ConnectionStrings__RabbitMq", .. TokenValidation],
        [ReaderQueryModule.Name] = ["ConnectionStrings__Messaging", "ConnectionStrings__RabbitMq", "ReadStore__Provider", "ReadStore__MongoConnectionString", .. TokenValidation],
        [LendingCommandModule.Name] = ["ConnectionStrings__LendingCommand", "ConnectionStrings__Messaging", "ConnectionStrings__RabbitMq", .. TokenValidation],
        [LendingQueryModule.Name] = ["ConnectionStrings__Messaging", "ConnectionStrings__RabbitMq", "ReadStore__Provider", "ReadStore__MongoConnectionString", .. TokenValidation],
        [IdentityModule.Name] =
        [
            "ConnectionStrings__Identity", "ConnectionStrings__Messaging", "ConnectionStrings__RabbitMq", "Identity__BootstrapAdminPassword",
            "Identity__Keys__SigningCertificates__0__Path", "Identity__Keys__EncryptionCertificates__0__Path", "Identity__Issuer",
            "Identity__WebClient__RedirectUris__0",
        ],
        [WebModule.Name] = ["Web__Authority", "Web__KeysDirectory", .. TokenValidation],
        ["gateway"] =
        [
            "Services__" + ReaderCommandModule.Name, "Services__" + ReaderQueryModule.Name, "Services__" + LendingCommandModule.Name,
            "Services__" + LendingQueryModule.Name, "Services__" + IdentityModule.Name, "Services__" + WebModule.Name,
        ],
    };

    /// <summary>
    /// Named by a service it does not wait for: the gateway routes to the front end, which calls the API through the
    /// gateway; each waiting for the other would be a cycle compose refuses.
    /// </summary>
    private static readonly HashSet<(string Service, string Server)> NamedWithoutWaiting = [("gateway", WebModule.Name)];

    private static readonly YamlMappingNode Compose = LoadCompose();

    private static YamlMappingNode Services => (YamlMappingNode)Compose["services"];

    public static TheoryData<string> ApplicationServices => [.. ServiceProjects.Keys];

    [Fact]
    public void Compose_runs_the_infrastructure_the_services_the_front_end_and_the_gateway()
    {
        var names = Services.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToList();
        Assert.Equal([.. Infrastructure, .. ServiceProjects.Keys], names);
    }

    [Theory]
    [MemberData(nameof(ApplicationServices))]
    public void Each_service_is_built_from_the_one_dockerfile_for_an_existing_host_project(string service)
    {
        var build = (YamlMappingNode)Service(service)["build"];
        Assert.Equal(".", Scalar(build, "context"));
        Assert.Equal("Dockerfile", Scalar(build, "dockerfile"));
        var project = Scalar((YamlMappingNode)build["args"], "PROJECT")!;
        Assert.Equal(ServiceProjects[service], project);
        Assert.True(File.Exists(Path.Combine(Repository.Root, "Hosts", project, project + ".csproj")), $"Hosts/{project} does not exist.");
    }

    [Fact]
    public void Every_host_except_the_development_host_is_deployed()
    {
        var hosts = Directory.GetDirectories(Path.Combine(Repository.Root, "Hosts")).Select(Path.GetFileName).Where(h => h != "Library.Host");
        Assert.Equal(hosts.Order(), ServiceProjects.Values.Order());
    }

    [Fact]
    public void The_services_build_of_run_sh_builds_every_deployed_host()
    {
        using var filter = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, "Hosts", "services.slnf")));
        var projects = filter.RootElement.GetProperty("solution").GetProperty("projects").EnumerateArray()
            .Select(project => Path.GetFileNameWithoutExtension(project.GetString()!.Replace('\\', '/')));
        Assert.Equal(ServiceProjects.Values.Order(), projects.Order());
    }

    [Fact]
    public void Every_service_has_a_health_check_and_waits_for_what_it_depends_on_to_be_healthy()
    {
        foreach (var (name, service) in Services.Children.Select(c => (((YamlScalarNode)c.Key).Value!, (YamlMappingNode)c.Value)))
        {
            Assert.True(service.Children.ContainsKey("healthcheck"), $"{name} has no health check.");
            if (!service.Children.TryGetValue("depends_on", out var dependsOn))
            {
                continue;
            }

            foreach (var (dependency, condition) in ((YamlMappingNode)dependsOn).Children.Select(c => (((YamlScalarNode)c.Key).Value!, (YamlMappingNode)c.Value)))
            {
                Assert.True(Services.Children.ContainsKey(dependency), $"{name} depends on unknown service {dependency}.");
                Assert.Equal("service_healthy", Scalar(condition, "condition"));
            }
        }
    }

    [Theory]
    [MemberData(nameof(ApplicationServices))]
    public void Each_service_gets_the_settings_its_host_requires_and_depends_on_every_server_they_name(string service)
    {
        var environment = Environment(service);
        Assert.All(RequiredSettings[service], key => Assert.True(environment.ContainsKey(key), $"{service} lacks {key}."));

        var dependsOn = Service(service).Children.TryGetValue("depends_on", out var node)
            ? ((YamlMappingNode)node).Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToHashSet(StringComparer.Ordinal)
            : [];
        foreach (var (key, value) in environment)
        {
            // The public URL is the gateway's published port as a browser reaches it, not a container on the network.
            if (value.StartsWith("${LIBRARY_PUBLIC_URL:-http://localhost:5080}", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (Match server in ServerReference().Matches(value))
            {
                var host = server.Groups["host"].Value;
                Assert.True(Services.Children.ContainsKey(host), $"{service}:{key} names {host}, which is not a service.");
                if (!NamedWithoutWaiting.Contains((service, host)))
                {
                    Assert.Contains(host, dependsOn);
                }

                var port = int.Parse(server.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
                Assert.Equal(ListeningPort(host), port);
            }
        }
    }

    [Fact]
    public void No_two_services_share_a_database_and_every_database_is_created()
    {
        var databases = ServiceProjects.Keys
            .SelectMany(service => Environment(service)
                .Where(setting => setting.Key.StartsWith("ConnectionStrings__", StringComparison.Ordinal) && setting.Key != "ConnectionStrings__RabbitMq")
                .Select(setting => (Service: service, Database: DatabaseName().Match(setting.Value).Groups["name"].Value)))
            .Distinct()
            .ToList();
        Assert.Equal(5, databases.Count);
        Assert.Equal(databases.Count, databases.Select(d => d.Database).Distinct().Count());

        var created = File.ReadAllText(Path.Combine(Repository.Root, "deploy", "postgres", "create-databases.sql"));
        Assert.All(databases, d => Assert.Contains($"CREATE DATABASE {d.Database};", created, StringComparison.Ordinal));
    }

    [Fact]
    public void Query_services_keep_their_read_models_in_mongodb()
    {
        Assert.Equal("MongoDb", Environment(ReaderQueryModule.Name)["ReadStore__Provider"]);
        Assert.Equal("MongoDb", Environment(LendingQueryModule.Name)["ReadStore__Provider"]);
    }

    [Fact]
    public void Only_the_gateway_is_published_where_the_development_host_listens()
    {
        var published = Services.Children
            .Where(c => ((YamlMappingNode)c.Value).Children.ContainsKey("ports"))
            .Select(c => ((YamlScalarNode)c.Key).Value)
            .ToList();
        Assert.Equal(["gateway"], published);
        Assert.Equal("5080:8080", ((YamlSequenceNode)Service("gateway")["ports"]).Children.Cast<YamlScalarNode>().Single().Value);
    }

    [Fact]
    public void Named_volumes_are_declared_and_bind_mounted_files_exist()
    {
        var declared = ((YamlMappingNode)Compose["volumes"]).Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToHashSet(StringComparer.Ordinal);
        var sources = Services.Children.Values.Cast<YamlMappingNode>()
            .Where(s => s.Children.ContainsKey("volumes"))
            .SelectMany(s => ((YamlSequenceNode)s["volumes"]).Children.Cast<YamlScalarNode>())
            .Select(v => v.Value!.Split(':')[0])
            .ToList();

        Assert.All(sources.Where(source => !source.StartsWith('.')), volume => Assert.Contains(volume, declared));
        Assert.All(sources.Where(source => source.StartsWith('.')), bind => Assert.True(File.Exists(Path.Combine(Repository.Root, bind)), $"{bind} does not exist."));
    }

    [Fact]
    public void The_dockerfile_is_multi_stage_non_root_and_takes_the_project_as_an_argument()
    {
        var dockerfile = File.ReadAllLines(Path.Combine(Repository.Root, "Dockerfile"));
        Assert.Equal(2, dockerfile.Count(line => line.StartsWith("FROM ", StringComparison.Ordinal)));
        Assert.Contains(dockerfile, line => line.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:", StringComparison.Ordinal));
        Assert.Contains(dockerfile, line => line.Trim() == "USER $APP_UID");
        Assert.Equal(2, dockerfile.Count(line => line.Trim() == "ARG PROJECT"));
        Assert.Contains(dockerfile, line => line.Contains("EXPOSE 8080", StringComparison.Ordinal));
    }

    /// <summary>Retryable writes and majority write concern need a replica set; one node is enough, initiated by its own health check.</summary>
    [Fact]
    public void Mongodb_runs_as_a_single_node_replica_set_that_initiates_itself()
    {
        var mongo = Service("mongo");
        var command = ((YamlSequenceNode)mongo["command"]).Children.Cast<YamlScalarNode>().Select(c => c.Value).ToList();
        Assert.Equal("rs0", command[command.IndexOf("--replSet") + 1]);

        var check = string.Join(' ', ((YamlSequenceNode)((YamlMappingNode)mongo["healthcheck"])["test"]).Children.Cast<YamlScalarNode>().Select(c => c.Value));
        Assert.Contains("rs.initiate({ _id: 'rs0'", check, StringComparison.Ordinal);
        Assert.Contains("host: 'mongo:27017'", check, StringComparison.Ordinal);

        // Idempotent: the initiation runs only when rs.status() fails (not yet initiated), and the check
        // fails until this node is primary, so dependants start against a writable set.
        Assert.Contains("try { rs.status() } catch", check, StringComparison.Ordinal);
        Assert.Contains("isWritablePrimary", check, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ReaderQueryModule.Name)]
    [InlineData(LendingQueryModule.Name)]
    public void Query_services_connect_to_the_replica_set_with_majority_journaled_writes(string service)
    {
        var connection = new Uri(Environment(service)["ReadStore__MongoConnectionString"]);
        var options = connection.Query.TrimStart('?').Split('&').Select(o => o.Split('=')).ToDictionary(o => o[0], o => o[1], StringComparer.Ordinal);
        Assert.Equal("rs0", options["replicaSet"]);
        Assert.Equal("majority", options["w"]);
        Assert.Equal("true", options["journal"]);
    }

    [Fact]
    public void The_postgresql_health_check_connects_over_tcp()
    {
        var test = ((YamlSequenceNode)((YamlMappingNode)Service("postgres")["healthcheck"])["test"]).Children.Cast<YamlScalarNode>().Last().Value!;
        Assert.Matches(@"^pg_isready -h 127\.0\.0\.1 -p 5432 ", test);
    }

    /// <summary>
    /// A real parser, not reading: the Compose Specification's JSON schema (dclint's copy, installed from
    /// npm by the script, which also applies dclint's non-stylistic rules).
    /// </summary>
    [Fact]
    public void The_compose_file_is_valid_against_the_compose_specification()
    {
        var (exitCode, output) = ValidateCompose(Path.Combine(Repository.Root, "docker-compose.yml"));
        Assert.True(exitCode == 0, $"scripts/validate-compose.sh failed ({exitCode}):\n{output}");
    }

    [Fact]
    public void The_compose_check_rejects_a_file_that_breaks_the_specification()
    {
        var broken = Path.Combine(Path.GetTempPath(), $"compose-{Guid.NewGuid():N}.yml");
        File.WriteAllText(broken, File.ReadAllText(Path.Combine(Repository.Root, "docker-compose.yml"))
            .Replace("    healthcheck:\n      test: [\"CMD\", \"rabbitmq-diagnostics\"", "    healthchek:\n      test: [\"CMD\", \"rabbitmq-diagnostics\"", StringComparison.Ordinal));
        try
        {
            var (exitCode, output) = ValidateCompose(broken);
            Assert.NotEqual(0, exitCode);
            Assert.Contains("invalid-schema", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(broken);
        }
    }

    private static (int ExitCode, string Output) ValidateCompose(string file)
    {
        var start = new System.Diagnostics.ProcessStartInfo("bash", [Path.Combine(Repository.Root, "scripts", "validate-compose.sh"), file])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();

        // The first run installs dclint from npm (about 30 s here); later runs take about a second.
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("scripts/validate-compose.sh did not finish in 5 minutes.");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>Every application service listens on 8080 inside its container; the infrastructure on its standard port.</summary>
    private static int ListeningPort(string service) => service switch
    {
        "postgres" => 5432,
        "mongo" => 27017,
        "rabbitmq" => 5672,
        _ => 8080,
    };

    private static YamlMappingNode Service(string name) => (YamlMappingNode)Services[name];

    private static Dictionary<string, string> Environment(string service) =>
        ((YamlMappingNode)Service(service)["environment"]).Children.ToDictionary(
            c => ((YamlScalarNode)c.Key).Value!,
            c => ((YamlScalarNode)c.Value).Value!,
            StringComparer.Ordinal);

    private static string? Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node[key]).Value;

    private static YamlMappingNode LoadCompose()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Repository.Root, "docker-compose.yml"));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents.Single().RootNode;
    }


    /// <summary>A server named in a setting: <c>Host=x;Port=n</c>, <c>scheme://[user@]x:n</c>.</summary>
    [GeneratedRegex(@"(?:Host=(?<host>[a-z-]+);Port=(?<port>\d+))|(?:://(?:[^@/]+@)?(?<host>[a-z-]+):(?<port>\d+))")]
    private static partial Regex ServerReference();

    [GeneratedRegex(@"Database=(?<name>[a-z_]+)")]
    private static partial Regex DatabaseName();
}
