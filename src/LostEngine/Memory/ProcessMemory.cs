using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;

namespace LostEngine.Memory;

/// <summary>
/// How much more memory this process may use: the smallest of the RAM the kernel counts as available
/// (<c>MemAvailable</c> in <c>/proc/meminfo</c>), the room under every cgroup memory limit from the process's cgroup
/// up to the root (v2 <c>memory.max</c> less <c>memory.current</c>, v1 <c>memory.limit_in_bytes</c> less
/// <c>memory.usage_in_bytes</c>), and the share of the room under the address-space limit (<c>getrlimit(RLIMIT_AS)</c>
/// less <c>VmSize</c>) that ONNX Runtime's arena can use (<see cref="ArenaShare"/>). Outside Linux, what .NET reports
/// as available to it.
/// </summary>
internal static partial class ProcessMemory
{
    private const string CgroupRoot = "/sys/fs/cgroup";
    private const int AddressSpaceLimit = 9;
    private const ulong Unlimited = ulong.MaxValue;

    // cgroup v1 writes "no limit" as the largest page-aligned long; anything this large is no limit.
    private const long NoLimitAbove = 1L << 60;

    /// <summary>The memory this process may still use, and the limit that set it.</summary>
    public static MemoryBudget Budget()
    {
        if (!OperatingSystem.IsLinux())
        {
            return new MemoryBudget(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, "the memory .NET reports available");
        }
        var budget = new MemoryBudget(long.MaxValue, "no limit found");
        Tighten(ref budget, MemAvailable(ReadOrNull("/proc/meminfo")), "the available RAM (MemAvailable)");
        foreach (var (limit, usage) in CgroupLimitFiles(ReadOrNull("/proc/self/cgroup")))
        {
            Tighten(ref budget, CgroupHeadroom(ReadOrNull(limit), ReadOrNull(usage)), $"the cgroup memory limit ({limit})");
        }
        Tighten(ref budget, ArenaShare(AddressSpaceHeadroom()),
            "the address-space limit (ulimit -v) for ONNX Runtime's arena, which reserves by doubling");
        return budget;
    }

    /// <summary><c>MemAvailable</c> of a <c>/proc/meminfo</c> text, in bytes; null when absent.</summary>
    public static long? MemAvailable(string? meminfo) => KilobyteField(meminfo, "MemAvailable:");

    /// <summary><c>VmSize</c> of a <c>/proc/self/status</c> text, in bytes; null when absent.</summary>
    public static long? VmSize(string? status) => KilobyteField(status, "VmSize:");

    /// <summary>A cgroup's limit less its usage (0 when over), or null when it has no limit or a file is missing.</summary>
    public static long? CgroupHeadroom(string? limit, string? usage)
    {
        if (!long.TryParse(limit?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long max) || max >= NoLimitAbove
            || !long.TryParse(usage?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long used))
        {
            return null;
        }
        return Math.Max(0, max - used);
    }

    /// <summary>
    /// The most an estimate may be for the arena to fit in <paramref name="addressSpace"/> bytes of address space. The
    /// arena grows by doubling regions, so holding E bytes can reserve up to 2 × (the next power of two above E):
    /// measured, a 1.6 GB estimate failed with 3.6 GB of room and ran with 4.6 GB. Counted memory (RAM, cgroups) is
    /// only what is touched, which the estimate follows within a few hundred MB.
    /// </summary>
    public static long? ArenaShare(long? addressSpace) =>
        addressSpace is not long room ? null : room < 2 ? 0 : 1L << (63 - BitOperations.LeadingZeroCount((ulong)(room / 2)));

    private static IEnumerable<(string Limit, string Usage)> CgroupLimitFiles(string? cgroups)
    {
        foreach (string line in (cgroups ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // "0::/path" is the v2 hierarchy; "N:...memory...:/path" the v1 memory controller.
            var fields = line.Split(':', 3);
            if (fields.Length != 3)
            {
                continue;
            }
            bool v2 = fields[0] == "0" && fields[1].Length == 0;
            bool v1 = fields[1].Split(',').Contains("memory");
            if (!v2 && !v1)
            {
                continue;
            }
            string root = v2 ? CgroupRoot : Path.Combine(CgroupRoot, "memory");
            var (limitName, usageName) = v2 ? ("memory.max", "memory.current") : ("memory.limit_in_bytes", "memory.usage_in_bytes");
            // In a container the path may be the host's while the container's own cgroup is mounted at the root:
            // every level from the path up is looked at, and files that are not there are skipped.
            string relative = fields[2].Trim().TrimStart('/');
            while (true)
            {
                string folder = relative.Length == 0 ? root : Path.Combine(root, relative);
                yield return (Path.Combine(folder, limitName), Path.Combine(folder, usageName));
                if (relative.Length == 0)
                {
                    break;
                }
                int slash = relative.LastIndexOf('/');
                relative = slash < 0 ? "" : relative[..slash];
            }
        }
    }

    private static long? AddressSpaceHeadroom()
    {
        Limit limit;
        try
        {
            if (GetRLimit(AddressSpaceLimit, out limit) != 0 || limit.Current == Unlimited || limit.Current >= long.MaxValue)
            {
                return null;
            }
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
        long current = VmSize(ReadOrNull("/proc/self/status")) ?? 0;
        return Math.Max(0, (long)limit.Current - current);
    }

    private static void Tighten(ref MemoryBudget budget, long? headroom, string source)
    {
        if (headroom is long bytes && bytes < budget.Bytes)
        {
            budget = new MemoryBudget(bytes, source);
        }
    }

    private static long? KilobyteField(string? text, string field)
    {
        foreach (string line in (text ?? "").Split('\n'))
        {
            if (!line.StartsWith(field, StringComparison.Ordinal))
            {
                continue;
            }
            string value = line[field.Length..].Trim();
            if (value.EndsWith(" kB", StringComparison.Ordinal)
                && long.TryParse(value[..^3].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long kilobytes))
            {
                return kilobytes * 1024;
            }
        }
        return null;
    }

    private static string? ReadOrNull(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    [LibraryImport("libc", EntryPoint = "getrlimit")]
    private static partial int GetRLimit(int resource, out Limit limit);

    [StructLayout(LayoutKind.Sequential)]
    private struct Limit
    {
        public ulong Current;
        public ulong Maximum;
    }
}
