namespace LostEngine.Checkpoints;

/// <summary>
/// A tensor as <c>_rebuild_tensor_v2(storage, offset, size, stride, ...)</c> describes it: element
/// <c>[i0, i1, ...]</c> is storage element <c>offset + Σ ik · stride[k]</c>. Sizes fit an int and their product an
/// array (checked when the pickle is read); whether the view stays inside its storage is checked when it is read.
/// </summary>
internal sealed record TensorReference(StorageReference Storage, long Offset, int[] Shape, long[] Stride, long Numel)
{
    public bool IsRowMajor
    {
        get
        {
            long expected = 1;
            for (int k = Shape.Length - 1; k >= 0; k--)
            {
                if (Shape[k] != 1 && Stride[k] != expected)
                {
                    return false;
                }
                expected *= Shape[k];
            }
            return true;
        }
    }

    /// <summary>The storage element of the view's last value, or -1 when the view is empty; null on overflow.</summary>
    public long? LastElement()
    {
        if (Numel == 0)
        {
            return -1;
        }
        try
        {
            long last = Offset;
            for (int k = 0; k < Shape.Length; k++)
            {
                last = checked(last + (Shape[k] - 1L) * Stride[k]);
            }
            return last;
        }
        catch (OverflowException)
        {
            return null;
        }
    }
}
