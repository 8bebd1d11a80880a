namespace LostEngine.Cli.Bench;

/// <summary>What <see cref="TimedCalls.Measure"/> found: order statistics of the timed calls and what each allocated.</summary>
/// <param name="MedianMs">Median time of one call, in milliseconds.</param>
/// <param name="MinMs">Fastest call.</param>
/// <param name="P90Ms">90th percentile (the smallest time at or above 90 % of the calls).</param>
/// <param name="AllocatedBytesPerCall">Bytes the calling thread allocated, averaged over the timed calls.</param>
internal readonly record struct CallTiming(double MedianMs, double MinMs, double P90Ms, long AllocatedBytesPerCall);
