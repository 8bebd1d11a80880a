using System.Globalization;
using System.Text;

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
    private const string UnsafeCharacters = "%/\\<>:\"|?*";

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

    /// <summary>The longest stem, in UTF-8 bytes, that <see cref="StemOfKey"/> gives.</summary>
    public const int MaxStemBytes = 200;

    /// <summary>
    /// The stem a dataset run names an image's figures by, from its prediction key, so that two images never share a
    /// figure and no name can fail to be a file: the key's folders (a key <c>val/dog.jpg</c> from a folder with
    /// subfolders), then the reference's stem of its file name (<see cref="StemOf"/>); every character some file
    /// system refuses, or that would make two keys one name (<c>%</c>, <c>/</c>, <c>\</c>, control characters,
    /// <c>&lt; &gt; : " | ? *</c>), written as <c>%XX</c> per UTF-8 byte, so <c>val/dog.jpg</c> gives
    /// <c>val%2Fdog</c>. A stem longer than <see cref="MaxStemBytes"/> UTF-8 bytes is cut, and ends with <c>~</c> and
    /// a hash of the whole key that keeps it apart from others cut alike.
    /// </summary>
    public static string StemOfKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        int slash = key.LastIndexOf('/');
        string stem = Escape(key[..(slash + 1)] + StemOf(key[(slash + 1)..]));
        return Encoding.UTF8.GetByteCount(stem) <= MaxStemBytes ? stem : Shortened(stem, key);
    }

    private static string Escape(string stem)
    {
        var escaped = new StringBuilder(stem.Length);
        Span<byte> bytes = stackalloc byte[4];
        foreach (Rune rune in stem.EnumerateRunes())
        {
            if (rune.Value >= 0x20 && rune.Value != 0x7F && !(rune.IsAscii && UnsafeCharacters.Contains((char)rune.Value)))
            {
                escaped.Append(rune.ToString());
                continue;
            }
            int length = rune.EncodeToUtf8(bytes);
            foreach (byte b in bytes[..length])
            {
                escaped.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return escaped.ToString();
    }

    private static string Shortened(string stem, string key)
    {
        const int HashPart = 9;
        var kept = new StringBuilder();
        int bytes = 0;
        foreach (Rune rune in stem.EnumerateRunes())
        {
            bytes += rune.Utf8SequenceLength;
            if (bytes > MaxStemBytes - HashPart)
            {
                break;
            }
            kept.Append(rune.ToString());
        }
        // FNV-1a over the key's UTF-8 bytes: fixed, so a rerun names its figures as the first run did.
        uint hash = 2166136261;
        foreach (byte b in Encoding.UTF8.GetBytes(key))
        {
            hash = (hash ^ b) * 16777619;
        }
        return kept.Append('~').Append(hash.ToString("x8", CultureInfo.InvariantCulture)).ToString();
    }

    private static string Suffix(bool hasObject) => hasObject ? "" : NoObjectSuffix;
}
