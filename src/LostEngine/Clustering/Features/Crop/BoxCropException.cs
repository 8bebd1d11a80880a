using LostEngine.Evaluation;

namespace LostEngine.Clustering.Features.Crop;

/// <summary>
/// A box leaves nothing to crop of its image (after the reference's rounding and Python's slicing), or one of its
/// coordinates is not a finite number. cluster_for_OD.py stops on such a box (torchvision's resize divides by the
/// empty side); the engine fails that box alone.
/// </summary>
public sealed class BoxCropException : LostInputException
{
    /// <summary>Creates the error for <paramref name="box"/> of the image named <paramref name="imageName"/>.</summary>
    public BoxCropException(string imageName, BoundingBox box, string problem)
        : base($"box {box} of image '{imageName}'", problem)
    {
        ImageName = imageName;
        Box = box;
    }

    /// <summary>The image file, or the name given for the pixels.</summary>
    public string ImageName { get; }

    /// <summary>The box, as given.</summary>
    public BoundingBox Box { get; }
}
