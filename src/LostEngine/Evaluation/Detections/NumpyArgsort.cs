namespace LostEngine.Evaluation.Detections;

/// <summary>
/// The first index of NumPy's <c>np.argsort(values)</c> with its default <c>kind='quicksort'</c>, which the reference
/// uses to pick an image's most confident detection. That sort is not stable: among tied values the index it puts
/// first depends on its partitioning, so the same introsort is replayed here (median-of-three quicksort, insertion
/// sort for runs of at most 16, heapsort past a depth of twice the bit length).
/// </summary>
/// <remarks>
/// This is NumPy's generic sort, used for float64 by every NumPy up to 1.24 and by later ones on CPUs without
/// AVX-512. NumPy 1.25 and later on AVX-512 CPUs argsort float64 with x86-simd-sort, which may order ties otherwise;
/// without ties every sort agrees.
/// </remarks>
internal static class NumpyArgsort
{
    private const int SmallQuicksort = 15;

    /// <summary>The index argsort puts first: the smallest value's, ties broken as NumPy's quicksort does.</summary>
    public static int FirstIndex(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            throw new ArgumentException("no values to sort", nameof(values));
        }
        int[] order = new int[values.Length];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        Sort(values, order);
        return order[0];
    }

    /// <summary>Sorts <paramref name="order"/> (indices into <paramref name="v"/>) as NumPy's <c>aquicksort</c> does.</summary>
    internal static void Sort(ReadOnlySpan<double> v, Span<int> order)
    {
        int num = order.Length;
        var stack = new Stack<(int Left, int Right, int Depth)>();
        int pl = 0, pr = num - 1;
        int cdepth = 2 * MostSignificantBit(num);
        while (true)
        {
            if (cdepth < 0)
            {
                HeapSort(v, order.Slice(pl, pr - pl + 1));
            }
            else
            {
                while (pr - pl > SmallQuicksort)
                {
                    int pm = pl + ((pr - pl) >> 1);
                    if (Less(v[order[pm]], v[order[pl]]))
                    {
                        Swap(order, pm, pl);
                    }
                    if (Less(v[order[pr]], v[order[pm]]))
                    {
                        Swap(order, pr, pm);
                    }
                    if (Less(v[order[pm]], v[order[pl]]))
                    {
                        Swap(order, pm, pl);
                    }
                    double vp = v[order[pm]];
                    int pi = pl, pj = pr - 1;
                    Swap(order, pm, pj);
                    while (true)
                    {
                        do
                        {
                            ++pi;
                        }
                        while (Less(v[order[pi]], vp));
                        do
                        {
                            --pj;
                        }
                        while (Less(vp, v[order[pj]]));
                        if (pi >= pj)
                        {
                            break;
                        }
                        Swap(order, pi, pj);
                    }
                    Swap(order, pi, pr - 1);
                    // The larger side waits on the stack with the depth left, as NumPy's iteration keeps it.
                    --cdepth;
                    if (pi - pl < pr - pi)
                    {
                        stack.Push((pi + 1, pr, cdepth));
                        pr = pi - 1;
                    }
                    else
                    {
                        stack.Push((pl, pi - 1, cdepth));
                        pl = pi + 1;
                    }
                }
                InsertionSort(v, order, pl, pr);
            }
            if (!stack.TryPop(out var next))
            {
                return;
            }
            (pl, pr, cdepth) = next;
        }
    }

    private static void InsertionSort(ReadOnlySpan<double> v, Span<int> order, int pl, int pr)
    {
        for (int pi = pl + 1; pi <= pr; ++pi)
        {
            int vi = order[pi];
            double vp = v[vi];
            int pj = pi;
            while (pj > pl && Less(vp, v[order[pj - 1]]))
            {
                order[pj] = order[pj - 1];
                pj--;
            }
            order[pj] = vi;
        }
    }

    // NumPy's heapsort on 1-based positions: a[k] is order[k - 1].
    private static void HeapSort(ReadOnlySpan<double> v, Span<int> order)
    {
        int n = order.Length;
        for (int l = n >> 1; l > 0; --l)
        {
            SiftDown(v, order, order[l - 1], l, n);
        }
        for (; n > 1;)
        {
            int tmp = order[n - 1];
            order[n - 1] = order[0];
            n -= 1;
            SiftDown(v, order, tmp, 1, n);
        }
    }

    private static void SiftDown(ReadOnlySpan<double> v, Span<int> order, int tmp, int i, int n)
    {
        for (int j = i << 1; j <= n;)
        {
            if (j < n && Less(v[order[j - 1]], v[order[j]]))
            {
                j += 1;
            }
            if (!Less(v[tmp], v[order[j - 1]]))
            {
                break;
            }
            order[i - 1] = order[j - 1];
            i = j;
            j += j;
        }
        order[i - 1] = tmp;
    }

    // NumPy's order for floats: NaN after every number.
    private static bool Less(double a, double b) => a < b || (double.IsNaN(b) && !double.IsNaN(a));

    private static void Swap(Span<int> order, int a, int b) => (order[a], order[b]) = (order[b], order[a]);

    private static int MostSignificantBit(int n)
    {
        int depth = 0;
        while ((n >>= 1) != 0)
        {
            depth++;
        }
        return depth;
    }
}
