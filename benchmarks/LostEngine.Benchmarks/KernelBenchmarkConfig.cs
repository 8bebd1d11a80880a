using BenchmarkDotNet.Configs;

namespace LostEngine.Benchmarks;

/// <summary>Adds the GFLOP/s column to the kernel benchmarks; jobs come from the command line (e.g. --job short).</summary>
public sealed class KernelBenchmarkConfig : ManualConfig
{
    public KernelBenchmarkConfig()
    {
        AddColumn(new GflopsColumn());
    }
}
