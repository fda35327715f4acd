using System.Runtime.InteropServices;

namespace Library.Benchmarks;

/// <summary>The machine a run was measured on, recorded with every result.</summary>
internal static class MachineInfo
{
    public static string Describe()
    {
        var memory = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").First(line => line.StartsWith("MemTotal:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]
            : null;
        var memoryGiB = memory is null ? "unknown" : $"{long.Parse(memory, System.Globalization.CultureInfo.InvariantCulture) / 1024.0 / 1024.0:0.0} GiB";
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return $"{Environment.ProcessorCount} cores ({cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}), {memoryGiB} memory, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }
}
