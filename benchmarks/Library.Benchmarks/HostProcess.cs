using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Library.Benchmarks;

/// <summary>
/// A Library host started by the benchmark itself, so that start-up time and resident memory are
/// measured on the very process that serves the load. Stopped with SIGTERM (a graceful shutdown).
/// </summary>
internal sealed partial class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private HostProcess(Process process, StreamWriter log, Uri baseAddress, string name)
    {
        _process = process;
        _log = log;
        BaseAddress = baseAddress;
        Name = name;
    }

    public Uri BaseAddress { get; }

    /// <summary>The host's short name (<c>LendingCommand</c>, <c>Gateway</c>, <c>Host</c> for the development host).</summary>
    public string Name { get; }

    /// <summary>User and system CPU the process has used so far (the kernel's accounting in /proc/{pid}/stat).</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.HasExited ? TimeSpan.Zero : _process.TotalProcessorTime;
    }

    /// <summary>From <see cref="Process.Start()"/> until <c>/health/ready</c> first answered 200.</summary>
    public TimeSpan StartToReady { get; private set; }

    /// <summary>Starts <paramref name="dll"/> from its own folder (its content root) and waits until it is ready.</summary>
    public static async Task<HostProcess> StartAsync(string dll, Uri baseAddress, IReadOnlyDictionary<string, string> environment, string logPath, TimeSpan readyTimeout)
    {
        var start = new ProcessStartInfo("dotnet", [Path.GetFileName(dll)])
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(dll)),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = baseAddress.ToString().TrimEnd('/');
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var clock = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {dll}.");
        process.OutputDataReceived += (_, line) => Write(log, line.Data);
        process.ErrorDataReceived += (_, line) => Write(log, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var shortName = Path.GetFileNameWithoutExtension(dll).Replace("Library.", "", StringComparison.Ordinal).Replace(".Host", "", StringComparison.Ordinal);
        var host = new HostProcess(process, log, baseAddress, shortName);

        using var probe = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(2) };
        while (clock.Elapsed < readyTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Path.GetFileName(dll)} exited with {process.ExitCode}; see {logPath}.");
            }

            try
            {
                using var response = await probe.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    host.StartToReady = clock.Elapsed;
                    return host;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but not answering yet.
            }

            await Task.Delay(10);
        }

        await host.DisposeAsync();
        throw new TimeoutException($"{Path.GetFileName(dll)} was not ready after {readyTimeout.TotalSeconds:0} s; see {logPath}.");
    }

    /// <summary>The resident set size now, from /proc (what the operating system actually holds for the process).</summary>
    public double ResidentMiB()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kib = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return kib / 1024.0;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _ = Kill(_process.Id, Sigterm);
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
        await _log.DisposeAsync();
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }

    private const int Sigterm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
