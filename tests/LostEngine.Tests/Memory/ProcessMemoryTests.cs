using LostEngine.Memory;

namespace LostEngine.Tests.Memory;

/// <summary>The limits the process may use, read from the kernel's text files: each source parsed, the smallest wins.</summary>
public sealed class ProcessMemoryTests
{
    [Fact]
    public void Available_ram_is_read_from_meminfo_in_bytes()
    {
        const string meminfo = "MemTotal:       16318424 kB\nMemFree:         1021456 kB\nMemAvailable:    9843212 kB\nBuffers:          312 kB\n";
        Assert.Equal(9843212L * 1024, ProcessMemory.MemAvailable(meminfo));
        Assert.Null(ProcessMemory.MemAvailable("MemTotal: 1 kB\n"));
    }

    [Theory]
    [InlineData("max\n", "123\n", null)]
    [InlineData("1073741824\n", "73741824\n", 1_000_000_000L)]
    [InlineData("1000\n", "5000\n", 0L)]
    [InlineData("9223372036854771712\n", "100\n", null)]
    public void A_cgroup_leaves_its_limit_less_its_usage(string limit, string usage, long? headroom)
    {
        Assert.Equal(headroom, ProcessMemory.CgroupHeadroom(limit, usage));
    }

    [Fact]
    public void Virtual_size_is_read_from_status_in_bytes()
    {
        Assert.Equal(2048L * 1024, ProcessMemory.VmSize("Name:\tlost\nVmPeak:\t 4096 kB\nVmSize:\t    2048 kB\n"));
    }

    [Theory]
    [InlineData(1_600_000_000L, 1L << 29)]
    [InlineData(1L << 31, 1L << 30)]
    [InlineData(1L, 0L)]
    public void Room_under_the_address_space_limit_is_shared_with_the_arenas_doubling(long room, long share)
    {
        Assert.Equal(share, ProcessMemory.ArenaShare(room));
        Assert.Null(ProcessMemory.ArenaShare(null));
    }

    [Fact]
    public void The_budget_of_this_process_is_positive_and_names_its_source()
    {
        var budget = ProcessMemory.Budget();
        Assert.True(budget.Bytes > 0);
        Assert.False(string.IsNullOrEmpty(budget.Source));
    }
}
