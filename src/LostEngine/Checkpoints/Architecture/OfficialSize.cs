namespace LostEngine.Checkpoints;

/// <summary>
/// The model functions of the official code (DINO's <c>vision_transformer.py</c>, DINOv2's
/// <c>dinov2/models/vision_transformer.py</c>): width, heads (always 64 channels each) and depth.
/// </summary>
internal sealed record OfficialSize(string Name, string Letter, int EmbedDim, int Heads, int Depth)
{
    public static IReadOnlyList<OfficialSize> All { get; } =
    [
        new("vit_tiny", "Ti", 192, 3, 12),
        new("vit_small", "S", 384, 6, 12),
        new("vit_base", "B", 768, 12, 12),
        new("vit_large", "L", 1024, 16, 24),
        new("vit_giant2", "g", 1536, 24, 40),
    ];

    public static OfficialSize? ByWidth(int embedDim) => All.FirstOrDefault(size => size.EmbedDim == embedDim);

    public static OfficialSize? ByName(string name) =>
        All.FirstOrDefault(size => string.Equals(size.Name, name, StringComparison.OrdinalIgnoreCase));

    public static string Names => string.Join(", ", All.Select(size => size.Name));
}
