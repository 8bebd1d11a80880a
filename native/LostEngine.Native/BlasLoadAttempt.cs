namespace LostEngine.Native;

/// <summary>One candidate the resolver tried and what happened to it.</summary>
/// <param name="Candidate">The name or path tried.</param>
/// <param name="Loaded">Whether it was kept as the CBLAS library.</param>
/// <param name="Outcome">"loaded", or why it was rejected (the loader's own message, or a missing export).</param>
public readonly record struct BlasLoadAttempt(BlasCandidate Candidate, bool Loaded, string Outcome)
{
    /// <inheritdoc />
    public override string ToString() => $"{Candidate.Name} ({Candidate.Origin}): {Outcome}";
}
