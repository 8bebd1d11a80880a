using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LostEngine.IO;

namespace LostEngine.Clustering.Features;

/// <summary>
/// The features <see cref="BoxFeatureExtractor.ExtractAll"/> computed: one row per box that went through, in the order
/// of the requests, and the boxes that failed.
/// </summary>
public sealed class BoxFeatureSet
{
    internal BoxFeatureSet(float[,] features, IReadOnlyList<int> extracted, IReadOnlyList<BoxFeatureFailure> failures, bool cancelled)
    {
        Features = features;
        Extracted = extracted;
        Failures = failures;
        Cancelled = cancelled;
    }

    /// <summary>[<see cref="Extracted"/>.Count, d]: row r is the L2-normalised CLS feature of request <c>Extracted[r]</c>.</summary>
    public float[,] Features { get; }

    /// <summary>The index in the requests of each row of <see cref="Features"/>, ascending.</summary>
    public IReadOnlyList<int> Extracted { get; }

    /// <summary>The boxes that failed, in request order.</summary>
    public IReadOnlyList<BoxFeatureFailure> Failures { get; }

    /// <summary>Whether the extraction stopped early on request; requests after the last one handled are in neither list.</summary>
    public bool Cancelled { get; }

    /// <summary>Writes <see cref="Features"/> as a float32 .npy of shape [rows, d], replacing the file whole (see <see cref="NpyWriter"/>).</summary>
    public void WriteNpy(string path)
    {
        var values = MemoryMarshal.CreateReadOnlySpan(
            ref Unsafe.As<byte, float>(ref MemoryMarshal.GetArrayDataReference(Features)), Features.Length);
        NpyWriter.WriteFloat32(path, values, [Features.GetLength(0), Features.GetLength(1)]);
    }
}
