using FsCheck.Xunit;

namespace LostEngine.Tests.Fuzzing;

/// <summary>
/// A fuzzing property: the generators of <see cref="FuzzArbitraries"/> from one fixed seed, so every run tries the
/// same inputs and a failure names an input that fails again. Change <see cref="Seed"/> to explore further.
/// </summary>
public sealed class FuzzPropertyAttribute : PropertyAttribute
{
    public const string Seed = "(20261130,1234567)";

    public FuzzPropertyAttribute()
    {
        Arbitrary = [typeof(FuzzArbitraries)];
        Replay = Seed;
    }
}
