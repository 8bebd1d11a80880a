namespace LostEngine.Kernel;

/// <summary>
/// The DINO-seg baseline (spec section 3): one head of the CLS attention, the patches that hold the top 60% of its
/// mass, their 4-connected components, and the box of the largest. Allocates nothing.
/// </summary>
public static class DinoSeg
{
    /// <summary>The reference's head (its command line's default); heads count from 0.</summary>
    public const int DefaultHead = 4;

    // The reference keeps cumulative mass > 1 - 0.6, compared in float32 like its tensor.
    private const float MassThreshold = 0.4f;

    /// <summary>
    /// Runs DINO-seg on head <paramref name="head"/> of <paramref name="clsAttention"/> ([heads, N] row-major).
    /// The intended rule boxes the largest foreground component, the lowest label on ties; with
    /// <paramref name="referenceCompatible"/> the reference's loop is reproduced: its last label is never
    /// considered, and with at most one foreground component it boxes the background.
    /// </summary>
    /// <exception cref="LostInputException">The head, grid or buffer sizes are inconsistent.</exception>
    /// <exception cref="InvalidOperationException">Another call is running on <paramref name="workspace"/>.</exception>
    public static DinoSegResult Run(ReadOnlySpan<float> clsAttention, int heads, int head, int rows, int cols, int patchSize,
        bool referenceCompatible, DinoSegWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        using var call = workspace.Enter();
        int n = Validate(clsAttention, heads, head, rows, cols, patchSize, workspace);
        var attention = clsAttention.Slice(head * n, n);
        var mask = workspace.MaskBuffer(n);
        KeepMass(attention, workspace.Order(n), mask);
        var labels = workspace.LabelBuffer(n);
        var sizes = workspace.SizeBuffer(n);
        int count = Label(mask, rows, cols, labels, workspace.QueueBuffer(n), sizes);
        workspace.Record(n);

        int chosen = referenceCompatible ? ReferenceChoice(sizes, count) : LargestForeground(sizes, count);
        if (chosen < 0 || sizes[chosen] == 0)
        {
            return new DinoSegResult(false, default, default, Math.Max(chosen, 0), 0, count);
        }
        var cells = CellBounds.Of(new LabelledCells(labels, chosen), n, cols);
        var box = new PixelBox(cells.XMin * patchSize, cells.YMin * patchSize, cells.XMax * patchSize, cells.YMax * patchSize);
        return new DinoSegResult(true, box, cells, chosen, sizes[chosen], count);
    }

    /// <summary>
    /// Sorts the weights ascending (ties to the lowest index, a stable order), divides by their sum and keeps the
    /// patches whose running sum exceeds 0.4. The running sum is accumulated in double and rounded to float at each
    /// step, as torch.cumsum does on the CPU.
    /// </summary>
    private static void KeepMass(ReadOnlySpan<float> attention, Span<ulong> order, Span<byte> mask)
    {
        double sum = 0;
        for (int i = 0; i < attention.Length; i++)
        {
            sum += attention[i];
            // The float's bits made monotonic as an unsigned key, the index below them: one sort gives a stable argsort.
            order[i] = ((ulong)OrderedBits(attention[i]) << 32) | (uint)i;
        }
        order.Sort();
        float total = (float)sum;
        double running = 0;
        foreach (ulong entry in order)
        {
            int index = (int)(uint)entry;
            running += attention[index] / total;
            mask[index] = (float)running > MassThreshold ? (byte)1 : (byte)0;
        }
    }

    private static uint OrderedBits(float value)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        return (bits & 0x8000_0000u) != 0 ? ~bits : bits | 0x8000_0000u;
    }

    /// <summary>scipy.ndimage.label with its default cross: labels 1.. in raster order of each component's first cell.</summary>
    private static int Label(ReadOnlySpan<byte> mask, int rows, int cols, Span<int> labels, Span<int> queue, Span<int> sizes)
    {
        labels.Clear();
        sizes.Clear();
        int count = 0;
        for (int start = 0; start < mask.Length; start++)
        {
            if (mask[start] == 0)
            {
                sizes[0]++;
                continue;
            }
            if (labels[start] != 0)
            {
                continue;
            }
            count++;
            int head = 0, tail = 0;
            queue[tail++] = start;
            labels[start] = count;
            while (head < tail)
            {
                int cell = queue[head++];
                int r = cell / cols, c = cell - r * cols;
                if (r > 0) Visit(cell - cols, count, mask, labels, queue, ref tail);
                if (r < rows - 1) Visit(cell + cols, count, mask, labels, queue, ref tail);
                if (c > 0) Visit(cell - 1, count, mask, labels, queue, ref tail);
                if (c < cols - 1) Visit(cell + 1, count, mask, labels, queue, ref tail);
            }
            sizes[count] = tail;
        }
        return count;
    }

    private static void Visit(int next, int label, ReadOnlySpan<byte> mask, Span<int> labels, Span<int> queue, ref int tail)
    {
        if (mask[next] != 0 && labels[next] == 0)
        {
            labels[next] = label;
            queue[tail++] = next;
        }
    }

    private static int LargestForeground(ReadOnlySpan<int> sizes, int count)
    {
        int best = -1;
        for (int label = 1; label <= count; label++)
        {
            if (best < 0 || sizes[label] > sizes[best])
            {
                best = label;
            }
        }
        return best;
    }

    /// <summary>
    /// The reference's <c>[np.sum(labels == c) for c in range(np.max(labels))]</c>: labels 0 .. count-1 only; with more
    /// than one entry the largest of 1 .. count-1 (first on ties), otherwise label 0, the background.
    /// </summary>
    private static int ReferenceChoice(ReadOnlySpan<int> sizes, int count)
    {
        if (count <= 1)
        {
            return 0;
        }
        int best = 1;
        for (int label = 2; label < count; label++)
        {
            if (sizes[label] > sizes[best])
            {
                best = label;
            }
        }
        return best;
    }

    private static int Validate(ReadOnlySpan<float> clsAttention, int heads, int head, int rows, int cols, int patchSize, DinoSegWorkspace workspace)
    {
        if (heads < 1)
        {
            throw new LostInputException("heads", $"must be at least 1, got {heads}.");
        }
        if (head < 0 || head >= heads)
        {
            throw new LostInputException("dinoseg_head", $"{head} is not a head of this model; it has {heads} heads, numbered 0 to {heads - 1}.");
        }
        if (rows < 1 || cols < 1 || patchSize < 1)
        {
            throw new LostInputException("grid", $"{rows}x{cols} cells of {patchSize} px is not a positive grid.");
        }
        long n = (long)rows * cols;
        if (n * heads != clsAttention.Length)
        {
            throw new LostInputException("cls_attention", $"has {clsAttention.Length} values; {heads} heads over a {rows}x{cols} grid need {n * heads}.");
        }
        if (n > workspace.MaxPatches)
        {
            throw new LostInputException("workspace", $"was sized for N ≤ {workspace.MaxPatches}, but the call has N = {n}.");
        }
        return (int)n;
    }
}
