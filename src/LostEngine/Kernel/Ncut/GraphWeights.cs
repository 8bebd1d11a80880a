namespace LostEngine.Kernel;

/// <summary>The checks TokenCut and MaskCut share on the two numbers that make their patch graph.</summary>
internal static class GraphWeights
{
    /// <summary>Throws <see cref="LostInputException"/> naming <c>tau</c> or <c>eps</c> when it cannot make a graph.</summary>
    public static void Validate(float tau, double eps)
    {
        // A cosine similarity lies in [-1, 1]; a threshold outside it makes every pair an edge or none, which is
        // a mistake (a similarity given in percent, say) rather than a graph.
        if (!(tau >= -1f && tau <= 1f))
        {
            throw new LostInputException("tau", $"must be a number in [-1, 1] (a cosine similarity), got {tau}.");
        }
        // eps is the weight of a non-edge: zero would disconnect the graph (the reference's D would be singular),
        // and above 1 a non-edge would weigh more than an edge.
        if (!(eps > 0 && eps <= 1))
        {
            throw new LostInputException("eps", $"must be in (0, 1], got {eps}.");
        }
    }
}
