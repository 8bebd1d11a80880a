namespace LostEngine.Kernel;

/// <summary>Spec step 2: the degree of every patch, without materialising the N×N similarity matrix.</summary>
internal static class DegreePass
{
    public static void Run(ReadOnlySpan<float> keys, int n, int dim, LostWorkspace workspace)
    {
        var degrees = workspace.DegreeBuffer(n);
        degrees.Clear();
        ScalarDegreeCounter.CountRows(keys, n, dim, 0, n, degrees);
    }
}
