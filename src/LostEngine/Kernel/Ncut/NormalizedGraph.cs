namespace LostEngine.Kernel;

/// <summary>
/// The operator the eigensolver works with, <c>M = D^-½ A D^-½</c> with <c>A = eps·J + (1 − eps)·B</c>, over the bit
/// graph and its row-block copy, pinned by the caller for as long as this value lives. A product with M is one sum
/// for the all-eps part and one product with the binary B, by the strategy the width picks:
/// <see cref="NibblePermuteProduct512"/> at 512 bits, <see cref="ByteTableProduct"/> otherwise. Measured on a Zen 4
/// EPYC, one thread, with other work on the second core: 0.115 ms (byte tables) against 0.043 ms (permutes) a
/// product at N = 1200, 1.80 ms against 0.63 ms at N = 4800; the permutes' row-block copy costs 0.06 ms and 1.0 ms
/// once per solve.
/// Identical bit rows get bit-identical results in both, which the solver's exact tie-breaking relies on.
/// </summary>
internal readonly unsafe struct NormalizedGraph
{
    private readonly ulong* _rowBlocks;
    private readonly double* _invSqrt;
    private readonly ProductShares? _shares;

    public NormalizedGraph(ulong* bits, ulong* rowBlocks, int n, double eps, double* invSqrt, KernelWidth width, ProductShares? shares)
    {
        _shares = n >= ProductShares.MinimumPatches ? shares : null;
        Bits = bits;
        _rowBlocks = rowBlocks;
        N = n;
        Eps = eps;
        _invSqrt = invSqrt;
        Width = width;
    }

    /// <summary>Doubles of scratch a product needs besides its input and output: u, the row sums, the tables.</summary>
    public static int ScratchLength(int maxPatches) => 2 * Padded(maxPatches) + TableLength;

    /// <summary>Doubles of table scratch one thread of a product needs, whichever strategy runs.</summary>
    public static int TableLength => Math.Max(ByteTableProduct.TableLength, NibblePermuteProduct512.TableLength);

    public ulong* Bits { get; }

    public int N { get; }

    public double Eps { get; }

    public KernelWidth Width { get; }

    /// <summary><paramref name="y"/> = M <paramref name="q"/>; <paramref name="scratch"/> is <see cref="ScratchLength"/> long.</summary>
    public void Multiply(double* q, double* y, double* scratch)
    {
        int n = N;
        double* invSqrt = _invSqrt;
        int padded = Padded(n);
        double* u = scratch;
        double* rowSums = scratch + padded;
        double* tables = rowSums + padded;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            u[i] = invSqrt[i] * q[i];
            sum += u[i];
        }
        for (int i = n; i < padded; i++)
        {
            u[i] = 0;
        }
        bool permutes = Width == KernelWidth.Vector512;
        if (_shares is not null)
        {
            _shares.Run(Bits, _rowBlocks, n, permutes, u, rowSums, tables);
        }
        else if (permutes)
        {
            NibblePermuteProduct512.Multiply(_rowBlocks, n, 0, (n + 7) >> 3, u, rowSums, tables);
        }
        else
        {
            ByteTableProduct.Multiply(Bits, n, 0, n, u, rowSums, tables);
        }
        double allEps = Eps * sum;
        double edge = 1 - Eps;
        for (int i = 0; i < n; i++)
        {
            y[i] = invSqrt[i] * (allEps + edge * rowSums[i]);
        }
    }

    // Whole row blocks of 8, so the 512-bit strategy never needs a tail.
    private static int Padded(int n) => (n + 7) & ~7;
}
