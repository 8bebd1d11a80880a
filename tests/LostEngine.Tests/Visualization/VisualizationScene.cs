using LostEngine.Kernel;
using LostEngine.Visualization;
using SkiaSharp;

namespace LostEngine.Tests.Visualization;

/// <summary>
/// A 4×5 grid of 16 px cells (an 80×64 image, no padding) with integer 2-d keys, so every similarity is
/// exact. Cells: the seed S = (1, 0) at (1, 1); P = (1, 1) at (1, 2), (2, 1), (2, 2); Q = (−1, 3) at (1, 3),
/// (2, 3); background B = (0, −1) elsewhere. Degrees S 3, P 5, Q 4, B 13, so S is the seed; its similars are
/// S and the P cells; its own row is positive only on S and P (box cells [1,1,3,3], pixels 16,16–48,48),
/// while M = Σ similars is also positive on Q (box cells [1,1,3,4], pixels 16,16–64,48).
/// </summary>
internal sealed class VisualizationScene : IDisposable
{
    public const int Rows = 4, Cols = 5, Patch = 16, Dim = 2;

    private VisualizationScene(float[] keys, LostParameters parameters)
    {
        Keys = keys;
        Parameters = parameters;
        Workspace = new LostWorkspace(Rows * Cols, Dim);
        Result = LostKernel.Run(Keys, Dim, Parameters, Workspace);
        Image = DrawImage(parameters.ImageWidth, parameters.ImageHeight);
        Folder = Path.Combine(Path.GetTempPath(), "lostengine-vis-" + Guid.NewGuid().ToString("N"));
    }

    public float[] Keys { get; }

    public LostParameters Parameters { get; }

    public LostWorkspace Workspace { get; }

    public LostResult Result { get; }

    public SKBitmap Image { get; }

    public string Folder { get; }

    public static VisualizationScene Planted()
    {
        var keys = new float[Rows * Cols * Dim];
        for (int cell = 0; cell < Rows * Cols; cell++)
        {
            (float a, float b) = (cell / Cols, cell % Cols) switch
            {
                (1, 1) => (1f, 0f),
                (1, 2) or (2, 1) or (2, 2) => (1f, 1f),
                (1, 3) or (2, 3) => (-1f, 3f),
                _ => (0f, -1f),
            };
            keys[cell * Dim] = a;
            keys[cell * Dim + 1] = b;
        }
        return new VisualizationScene(keys, LostParameters.ForGrid(Rows, Cols, Patch));
    }

    /// <summary>All keys zero: the kernel finds no object (seed 0, in the background).</summary>
    public static VisualizationScene AllZero() => new(new float[Rows * Cols * Dim], LostParameters.ForGrid(Rows, Cols, Patch));

    /// <summary>A pixel colour no figure uses, different at every pixel, so an untouched pixel is recognisable.</summary>
    public static SKColor ImageColor(int x, int y) => new((byte)(x * 3), (byte)(y * 4), 90);

    public string Render(VisualizationKind kind) => LostVisualizer.Render(kind, Image, Keys, Dim, Parameters, Result, Workspace, Folder, "scene").Single();

    public static SKBitmap DrawImage(int width, int height)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, ImageColor(x, y));
            }
        }
        return bitmap;
    }

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
