using LostEngine.Kernel;
using SkiaSharp;

namespace LostEngine.Tests.Visualization;

/// <summary>
/// A 4×5 grid of 16 px cells (an 80×64 image, no padding) with 3-d keys: A = (1, 0, 0) at cells 6 and 11 (column 1,
/// rows 1–2), B = (0.6, 0, 0.8) at cells 8 and 13 (column 3), background (0, 1, 0) elsewhere. A and B are similar
/// (0.6) and unlike the background (0), so TokenCut's partition is A ∪ B and its seed A's first cell 6, whose
/// component is A alone (column 2 separates it from B): box cells [1, 1, 3, 2], pixels (16, 16, 32, 48). MaskCut
/// (two rounds) finds A first, then, A painted out, B: box (48, 16, 64, 48).
/// </summary>
internal sealed class NcutScene : IDisposable
{
    public const int Rows = 4, Cols = 5, Patch = 16, Dim = 3;

    private NcutScene(float[] keys)
    {
        Keys = keys;
        Workspace = new NcutWorkspace(Rows * Cols, Dim);
        Image = VisualizationScene.DrawImage(Grid.ImageWidth, Grid.ImageHeight);
        Folder = Path.Combine(Path.GetTempPath(), "lostengine-ncut-vis-" + Guid.NewGuid().ToString("N"));
    }

    public static PatchGrid Grid { get; } = PatchGrid.ForGrid(Rows, Cols, Patch);

    public float[] Keys { get; }

    public NcutWorkspace Workspace { get; }

    public SKBitmap Image { get; }

    public string Folder { get; }

    public static NcutScene Planted()
    {
        var keys = new float[Rows * Cols * Dim];
        for (int cell = 0; cell < Rows * Cols; cell++)
        {
            (float a, float b, float c) = cell switch
            {
                6 or 11 => (1f, 0f, 0f),
                8 or 13 => (0.6f, 0f, 0.8f),
                _ => (0f, 1f, 0f),
            };
            (keys[cell * Dim], keys[cell * Dim + 1], keys[cell * Dim + 2]) = (a, b, c);
        }
        return new NcutScene(keys);
    }

    /// <summary>Every key equal: no clear cut, no object.</summary>
    public static NcutScene Uniform() => new(Enumerable.Repeat(1f, Rows * Cols * Dim).ToArray());

    public TokenCutResult TokenCut() => TokenCutKernel.Run(Keys, Dim, new TokenCutParameters(Grid), Workspace);

    public MaskCutResult MaskCut() => MaskCutKernel.Run(Keys, Dim, new MaskCutParameters(Grid, Rounds: 2), Workspace);

    public void Dispose()
    {
        Image.Dispose();
        Workspace.Dispose();
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
