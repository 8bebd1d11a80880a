namespace LostEngine.Clustering.Features.Crop;

/// <summary>Rows [<see cref="Top"/>, Top + Height) and columns [<see cref="Left"/>, Left + Width) of an image, in pixels.</summary>
internal readonly record struct CropRegion(int Top, int Left, int Height, int Width)
{
    /// <summary>True when no pixel is left.</summary>
    public bool IsEmpty => Height == 0 || Width == 0;
}
