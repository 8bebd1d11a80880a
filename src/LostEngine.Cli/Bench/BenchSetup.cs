using LostEngine.Kernel;

namespace LostEngine.Cli.Bench;

/// <summary>What every <c>lost bench</c> method command times with: the keys, how the kernel runs, how many calls.</summary>
internal sealed record BenchSetup(BenchKeys Keys, LostKernelOptions Options, TimingPlan Plan);
