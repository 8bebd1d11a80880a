namespace LostEngine.Evaluation.Detections;

/// <summary>
/// NumPy's default <c>argsort</c> (<c>kind='quicksort'</c>): an introsort that is not stable, so equal keys come out
/// in an order set by its partitioning. The reference sorts detections by <c>np.argsort(-score)</c> twice: CorLoc
/// of detector outputs keeps each image's first index, and the class-aware AP walks each cluster's detections in
/// that order, where among equal scores it decides which of two hits on one object is the true positive. Both
/// numbers depend on the tie order, so NumPy's index sort is replayed: median-of-three quicksort, insertion sort
/// for runs of at most 16, heapsort past a depth of twice log2 n.
/// </summary>
/// <remarks>
/// This is NumPy's generic sort, used for float64 by every NumPy up to 1.24 and by later ones on CPUs without
/// AVX-512. NumPy 1.25 and later on AVX-512 CPUs argsort float64 with x86-simd-sort, which may order ties otherwise;
/// without ties every sort agrees.
/// </remarks>
internal static class NumpyArgsort
{
    private const int SmallPartition = 15;

    // The larger side of each split waits on the stack, so it never holds more than log2 n ranges.
    private const int StackCapacity = 64;

    /// <summary>The index argsort puts first: the smallest value's, ties broken as NumPy's quicksort does.</summary>
    public static int FirstIndex(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            throw new ArgumentException("no values to sort", nameof(values));
        }
        int[] order = new int[values.Length];
        Sort(values, order);
        return order[0];
    }

    /// <summary>Writes into <paramref name="order"/> the indices of <paramref name="keys"/> in ascending order, as NumPy would.</summary>
    public static void Sort(ReadOnlySpan<double> keys, Span<int> order)
    {
        if (order.Length != keys.Length)
        {
            throw new ArgumentException("the order must have one slot per key", nameof(order));
        }
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        if (keys.Length < 2)
        {
            return;
        }
        Span<int> stack = stackalloc int[StackCapacity * 3];
        int top = 0;
        int left = 0;
        int right = keys.Length - 1;
        int depthBudget = 2 * FloorLog2(keys.Length);
        while (true)
        {
            if (depthBudget < 0)
            {
                Heapsort(keys, order.Slice(left, right - left + 1));
            }
            else
            {
                while (right - left > SmallPartition)
                {
                    int pivotIndex = Partition(keys, order, left, right);
                    depthBudget--;
                    if (pivotIndex - left < right - pivotIndex)
                    {
                        Push(stack, ref top, pivotIndex + 1, right, depthBudget);
                        right = pivotIndex - 1;
                    }
                    else
                    {
                        Push(stack, ref top, left, pivotIndex - 1, depthBudget);
                        left = pivotIndex + 1;
                    }
                }
                InsertionSort(keys, order, left, right);
            }
            if (top == 0)
            {
                return;
            }
            top -= 3;
            left = stack[top];
            right = stack[top + 1];
            depthBudget = stack[top + 2];
        }
    }

    /// <summary>NumPy's index heapsort (<c>kind='heapsort'</c>), which the introsort falls back to on deep ranges.</summary>
    internal static void Heapsort(ReadOnlySpan<double> keys, Span<int> order)
    {
        int n = order.Length;
        // NumPy's heap is 1-based; slot k here is order[k - 1].
        for (int l = n >> 1; l > 0; l--)
        {
            SiftDown(keys, order, l, n, order[l - 1]);
        }
        for (; n > 1;)
        {
            int last = order[n - 1];
            order[n - 1] = order[0];
            n--;
            SiftDown(keys, order, 1, n, last);
        }
    }

    private static void SiftDown(ReadOnlySpan<double> keys, Span<int> order, int start, int n, int item)
    {
        int i = start;
        for (int j = start << 1; j <= n;)
        {
            if (j < n && Less(keys[order[j - 1]], keys[order[j]]))
            {
                j++;
            }
            if (!Less(keys[item], keys[order[j - 1]]))
            {
                break;
            }
            order[i - 1] = order[j - 1];
            i = j;
            j += j;
        }
        order[i - 1] = item;
    }

    private static int Partition(ReadOnlySpan<double> keys, Span<int> order, int left, int right)
    {
        int middle = left + ((right - left) >> 1);
        if (Less(keys[order[middle]], keys[order[left]]))
        {
            Swap(order, middle, left);
        }
        if (Less(keys[order[right]], keys[order[middle]]))
        {
            Swap(order, right, middle);
        }
        if (Less(keys[order[middle]], keys[order[left]]))
        {
            Swap(order, middle, left);
        }
        double pivot = keys[order[middle]];
        int i = left;
        int j = right - 1;
        Swap(order, middle, j);
        while (true)
        {
            do
            {
                i++;
            }
            while (Less(keys[order[i]], pivot));
            do
            {
                j--;
            }
            while (Less(pivot, keys[order[j]]));
            if (i >= j)
            {
                break;
            }
            Swap(order, i, j);
        }
        Swap(order, i, right - 1);
        return i;
    }

    private static void InsertionSort(ReadOnlySpan<double> keys, Span<int> order, int left, int right)
    {
        for (int i = left + 1; i <= right; i++)
        {
            int item = order[i];
            double key = keys[item];
            int j = i;
            while (j > left && Less(key, keys[order[j - 1]]))
            {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = item;
        }
    }

    // NumPy's order for floats: NaN after every number.
    private static bool Less(double a, double b) => a < b || (double.IsNaN(b) && !double.IsNaN(a));

    private static void Push(Span<int> stack, ref int top, int left, int right, int depthBudget)
    {
        stack[top] = left;
        stack[top + 1] = right;
        stack[top + 2] = depthBudget;
        top += 3;
    }

    private static void Swap(Span<int> order, int a, int b) => (order[a], order[b]) = (order[b], order[a]);

    private static int FloorLog2(int n) => 31 - int.LeadingZeroCount(n);
}
