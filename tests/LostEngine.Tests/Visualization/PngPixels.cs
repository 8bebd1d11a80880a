using SkiaSharp;

namespace LostEngine.Tests.Visualization;

/// <summary>A written PNG decoded back, for asserting exact pixels.</summary>
internal sealed class PngPixels : IDisposable
{
    private readonly SKBitmap _bitmap;

    public PngPixels(string path)
    {
        Assert.True(File.Exists(path), $"{path} was not written.");
        _bitmap = SKBitmap.Decode(path) ?? throw new InvalidOperationException($"{path} is not a decodable image.");
    }

    public int Width => _bitmap.Width;

    public int Height => _bitmap.Height;

    public (byte R, byte G, byte B) this[int x, int y]
    {
        get
        {
            var c = _bitmap.GetPixel(x, y);
            Assert.Equal(255, c.Alpha);
            return (c.Red, c.Green, c.Blue);
        }
    }

    public void Dispose() => _bitmap.Dispose();
}
