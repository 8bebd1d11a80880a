using LostEngine.Checkpoints;
using LostEngine.Tests.Checkpoints;

namespace LostEngine.Tests.Fuzzing;

/// <summary>
/// Every mutated checkpoint reads to a backbone or is refused with a <see cref="CheckpointFormatException"/> naming
/// it, on one line; nothing else is thrown, and no claimed size makes the reader allocate beyond its limits.
/// </summary>
public sealed class CheckpointFuzzProperties
{
    private static readonly CheckpointLimits Limits = new()
    {
        MaxPickleBytes = 1 << 20,
        MaxStorageBytes = 1 << 20,
        MaxTotalBytes = 1 << 20,
        MaxTensorElements = 1 << 18,
        MaxPickleStack = 1 << 16,
        MaxPickleMemo = 1 << 16,
    };

    // The limits' pickle and storages (float16 widens to twice its bytes), the archive reader's directory and the
    // unpickler's values, which grow with the file.
    private static long AllocationBudget(byte[] bytes) => 4L * Limits.MaxTotalBytes + 2L * Limits.MaxPickleBytes + 64L * bytes.Length;

    [FuzzProperty(MaxTest = 5000)]
    public void A_mutated_file_is_read_or_refused_as_a_checkpoint_error(CheckpointFileInput input) => ReadOrRefused(input);

    [FuzzProperty(MaxTest = 5000)]
    public void A_mutated_pickle_is_read_or_refused_as_a_checkpoint_error(CheckpointPickleInput input) => ReadOrRefused(input);

    private static void ReadOrRefused(FuzzInput input)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            var checkpoint = CheckpointBytes.Read(input.Bytes, new CheckpointOptions { Heads = 2 }, Limits);
            Assert.All(checkpoint.Tensors.Values, tensor => Assert.Equal(tensor.Shape.Aggregate(1L, (product, size) => product * size), tensor.Values.Length));
        }
        catch (CheckpointFormatException e)
        {
            Assert.Equal(CheckpointBytes.Source, e.InputName);
            Assert.DoesNotContain(e.Message, char.IsControl);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated <= AllocationBudget(input.Bytes), $"reading {input.Bytes.Length} bytes allocated {allocated} bytes");
    }
}
