namespace LostEngine.Visualization;

/// <summary>
/// File names of the figures, as the reference writes them into its visualisation folder
/// (visualizations.py): <c>LOST_{name}.png</c>, <c>corr_{name}.png</c>, <c>deg_{name}.png</c>,
/// <c>LOST_seed_expansion_{name}.png</c>; TokenCut's and MaskCut's in the same style, the method's name first
/// (<c>TokenCut_{name}.png</c>, <c>TokenCut_attn_{name}.png</c>, <c>MaskCut_{name}.png</c>). Where the reference
/// would have stopped with "The seed is in the background component", or a cut found nothing, this engine still
/// writes the figure and marks it with <see cref="NoObjectSuffix"/>.
/// </summary>
public static class VisualizationFileNames
{
    /// <summary>Appended to the stem of a figure whose result has no object, so a listing shows it.</summary>
    public const string NoObjectSuffix = "_no_object";

    /// <summary><c>pred</c>: <c>LOST_{stem}.png</c>, or <c>LOST_{stem}_no_object.png</c>.</summary>
    public static string Prediction(string stem, bool hasObject) => $"LOST_{stem}{Suffix(hasObject)}.png";

    /// <summary><c>fms</c>, the seed's binarised similarity row: <c>corr_{stem}.png</c>.</summary>
    public static string Correlation(string stem) => $"corr_{stem}.png";

    /// <summary><c>fms</c>, the inverse degree map: <c>deg_{stem}.png</c>.</summary>
    public static string InverseDegree(string stem) => $"deg_{stem}.png";

    /// <summary><c>seed_expansion</c>: <c>LOST_seed_expansion_{stem}.png</c>, or with <c>_no_object</c>.</summary>
    public static string SeedExpansion(string stem, bool hasObject) => $"LOST_seed_expansion_{stem}{Suffix(hasObject)}.png";

    /// <summary>TokenCut's <c>pred</c>, the partition, seed and box: <c>TokenCut_{stem}.png</c>, or with <c>_no_object</c>.</summary>
    public static string TokenCutPrediction(string stem, bool hasObject) => $"TokenCut_{stem}{Suffix(hasObject)}.png";

    /// <summary>TokenCut's <c>attn</c>, the eigenvector's heat map: <c>TokenCut_attn_{stem}.png</c>.</summary>
    public static string TokenCutEigenvector(string stem) => $"TokenCut_attn_{stem}.png";

    /// <summary>MaskCut's <c>pred</c>, every object's mask and box: <c>MaskCut_{stem}.png</c>, or with <c>_no_object</c>.</summary>
    public static string MaskCutPrediction(string stem, bool hasObject) => $"MaskCut_{stem}{Suffix(hasObject)}.png";

    /// <summary>
    /// The stem the reference names a single image's figures by (<c>ImageDataset.get_image_name</c>): the file
    /// name up to its first dot, so <c>photos/dog.v2.jpg</c> gives <c>dog</c>. A name that starts with a dot
    /// keeps its whole file name instead of an empty stem.
    /// </summary>
    public static string StemOf(string imagePath)
    {
        string name = System.IO.Path.GetFileName(imagePath);
        int dot = name.IndexOf('.');
        return dot > 0 ? name[..dot] : name;
    }

    private static string Suffix(bool hasObject) => hasObject ? "" : NoObjectSuffix;
}
