using LostEngine.IO;
using LostEngine.Tests.IO;

namespace LostEngine.Tests.Fuzzing;

/// <summary>
/// Every broken .npy file, from a file or a pipe, is read as the array its header describes or refused with an
/// <see cref="NpyFormatException"/> naming it; nothing else is thrown, and no lying size makes the reader allocate
/// more than its limits.
/// </summary>
public sealed class NpyFuzzProperties
{
    private const string Source = "fuzzed.npy";
    private const long MaxElements = 1 << 16;

    // The element limit's array, a header of up to the reader's 1 MiB limit (what a pipe can claim before it ends),
    // and the parser's strings and the error's text, which grow with the header.
    private static long AllocationBudget(byte[] bytes) => MaxElements * sizeof(float) + (2L << 20) + 64L * bytes.Length;

    [FuzzProperty(MaxTest = 1000)]
    public void A_generated_header_is_read_or_refused_as_an_npy_error(NpyHeaderInput input) => ReadOrRefused(input);

    [FuzzProperty(MaxTest = 800)]
    public void A_mutated_file_is_read_or_refused_as_an_npy_error(NpyFileInput input) => ReadOrRefused(input);

    private static void ReadOrRefused(FuzzInput input)
    {
        foreach (bool seekable in new[] { true, false })
        {
            Stream stream = seekable ? new MemoryStream(input.Bytes) : new NonSeekableStream(input.Bytes);
            long before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                var array = NpyReader.Read(stream, Source, MaxElements);
                Assert.Equal(array.Shape.Aggregate(1L, (product, size) => product * size), array.Values.Length);
            }
            catch (NpyFormatException e)
            {
                Assert.Equal(Source, e.InputName);
                Assert.DoesNotContain(e.Message, char.IsControl);
            }
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated <= AllocationBudget(input.Bytes), $"reading {input.Bytes.Length} bytes allocated {allocated} bytes (seekable: {seekable})");
        }
    }
}
