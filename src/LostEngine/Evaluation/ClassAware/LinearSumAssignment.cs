namespace LostEngine.Evaluation.ClassAware;

/// <summary>
/// The minimum-cost assignment of every row to its own column, by SciPy's <c>linear_sum_assignment</c> algorithm
/// (Crouse's shortest augmenting path, as SciPy 1.6+ implements it), step for step, so that among assignments of
/// equal cost the same one is chosen: columns are scanned from the last to the first, a tie in path cost goes to
/// an unassigned column, and rows are added in order.
/// </summary>
internal static class LinearSumAssignment
{
    /// <summary>The column of each row for the <paramref name="rows"/> × <paramref name="columns"/> row-major <paramref name="cost"/>.</summary>
    /// <exception cref="ArgumentException">More rows than columns, or a cost that is NaN or −∞.</exception>
    public static int[] Solve(ReadOnlySpan<double> cost, int rows, int columns)
    {
        if (rows > columns || cost.Length != rows * columns)
        {
            throw new ArgumentException($"a {rows} × {columns} assignment needs rows ≤ columns and {rows * columns} costs", nameof(cost));
        }
        foreach (double c in cost)
        {
            if (double.IsNaN(c) || double.IsNegativeInfinity(c))
            {
                throw new ArgumentException("the cost matrix holds NaN or −∞", nameof(cost));
            }
        }
        var u = new double[rows];
        var v = new double[columns];
        var pathCost = new double[columns];
        var path = new int[columns];
        var columnOfRow = new int[rows];
        var rowOfColumn = new int[columns];
        var rowVisited = new bool[rows];
        var columnVisited = new bool[columns];
        var remaining = new int[columns];
        Array.Fill(columnOfRow, -1);
        Array.Fill(rowOfColumn, -1);
        Array.Fill(path, -1);

        for (int current = 0; current < rows; current++)
        {
            (int sink, double minCost) = ShortestAugmentingPath(cost, columns, u, v, path, rowOfColumn, pathCost,
                current, rowVisited, columnVisited, remaining);
            if (sink < 0)
            {
                throw new ArgumentException("the cost matrix has no finite assignment", nameof(cost));
            }

            u[current] += minCost;
            for (int i = 0; i < rows; i++)
            {
                if (rowVisited[i] && i != current)
                {
                    u[i] += minCost - pathCost[columnOfRow[i]];
                }
            }
            for (int j = 0; j < columns; j++)
            {
                if (columnVisited[j])
                {
                    v[j] -= minCost - pathCost[j];
                }
            }

            int column = sink;
            while (true)
            {
                int row = path[column];
                rowOfColumn[column] = row;
                (columnOfRow[row], column) = (column, columnOfRow[row]);
                if (row == current)
                {
                    break;
                }
            }
        }
        return columnOfRow;
    }

    private static (int Sink, double MinCost) ShortestAugmentingPath(ReadOnlySpan<double> cost, int columns, double[] u, double[] v,
        int[] path, int[] rowOfColumn, double[] pathCost, int row, bool[] rowVisited, bool[] columnVisited, int[] remaining)
    {
        double minCost = 0;
        int remainingCount = columns;
        for (int it = 0; it < columns; it++)
        {
            // Last column first: SciPy's order, which makes a constant matrix give the identity.
            remaining[it] = columns - it - 1;
        }
        Array.Clear(rowVisited);
        Array.Clear(columnVisited);
        Array.Fill(pathCost, double.PositiveInfinity);

        int sink = -1;
        while (sink == -1)
        {
            int index = -1;
            double lowest = double.PositiveInfinity;
            rowVisited[row] = true;
            for (int it = 0; it < remainingCount; it++)
            {
                int j = remaining[it];
                double r = minCost + cost[row * columns + j] - u[row] - v[j];
                if (r < pathCost[j])
                {
                    path[j] = row;
                    pathCost[j] = r;
                }
                if (pathCost[j] < lowest || (pathCost[j] == lowest && rowOfColumn[j] == -1))
                {
                    lowest = pathCost[j];
                    index = it;
                }
            }
            minCost = lowest;
            if (double.IsPositiveInfinity(minCost))
            {
                return (-1, minCost);
            }
            int column = remaining[index];
            if (rowOfColumn[column] == -1)
            {
                sink = column;
            }
            else
            {
                row = rowOfColumn[column];
            }
            columnVisited[column] = true;
            remaining[index] = remaining[--remainingCount];
        }
        return (sink, minCost);
    }
}
