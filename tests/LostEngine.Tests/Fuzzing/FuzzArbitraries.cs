using FsCheck;
using FsCheck.Fluent;

namespace LostEngine.Tests.Fuzzing;

/// <summary>The fuzzing generators, registered for <see cref="FuzzPropertyAttribute"/> properties by parameter type.</summary>
public static class FuzzArbitraries
{
    public static Arbitrary<NpyHeaderInput> NpyHeaders() => NpyFuzzCases.Headers.ToArbitrary();

    public static Arbitrary<NpyFileInput> NpyFiles() => NpyFuzzCases.Bodies.ToArbitrary();

    public static Arbitrary<ImageInput> Images() => ImageFuzzCases.Corrupted.ToArbitrary();

    public static Arbitrary<VocInput> VocSets() => VocFuzzCases.Sets.ToArbitrary();

    public static Arbitrary<CocoSetInput> CocoSets() => CocoFuzzCases.Sets.ToArbitrary();

    public static Arbitrary<CheckpointFileInput> CheckpointFiles() => CheckpointFuzzCases.Files.ToArbitrary();

    public static Arbitrary<CheckpointPickleInput> CheckpointPickles() => CheckpointFuzzCases.Pickles.ToArbitrary();
}
