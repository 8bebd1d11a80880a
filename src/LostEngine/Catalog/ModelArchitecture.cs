using LostEngine.Checkpoints;

namespace LostEngine.Catalog;

/// <summary>What a checkpoint is: its family, the width of its ViT, its patch size and its register tokens.</summary>
/// <param name="Family">The method that trained it.</param>
/// <param name="EmbedDim">The token width: 384 for ViT-S, 768 for ViT-B, 1024 for ViT-L.</param>
/// <param name="PatchSize">The side of a patch in pixels.</param>
/// <param name="Registers">Register tokens after the CLS token (DINOv2's <c>_reg</c> models have 4).</param>
internal readonly record struct ModelArchitecture(ModelFamily Family, int EmbedDim, int PatchSize, int Registers)
{
    /// <summary>The name the papers use, such as "DINOv2 ViT-S/14 with 4 registers".</summary>
    public override string ToString()
    {
        string family = Family == ModelFamily.Dino ? "DINO" : "DINOv2";
        string size = OfficialSize.ByWidth(EmbedDim)?.Letter ?? $"{EmbedDim}d";
        string registers = Registers == 0 ? "" : $" with {Registers} registers";
        return $"{family} ViT-{size}/{PatchSize}{registers}";
    }
}
