namespace LostEngine.Runs;

/// <summary>What a dataset run did and how well it kept the model busy.</summary>
/// <param name="Localized">Images that went through the model.</param>
/// <param name="Failed">Images that could not be read, decoded or run.</param>
/// <param name="Cancelled">Whether the run stopped early on request (images not reached are not counted).</param>
/// <param name="WallMs">Wall time of the run.</param>
/// <param name="ModelMs">Time spent inside the model, summed over images.</param>
/// <param name="WaitMs">Time the model thread waited for a decoded image.</param>
public sealed record RunSummary(int Localized, int Failed, bool Cancelled, double WallMs, double ModelMs, double WaitMs)
{
    /// <summary>Share of the wall time the model was running; the rest is decoding it waited for, the kernel and output.</summary>
    public double ModelBusyFraction => WallMs > 0 ? ModelMs / WallMs : 0;
}
