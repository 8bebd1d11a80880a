namespace LostEngine.Evaluation;

/// <summary>What was wrong with one item of a dataset, a prediction file or a run's parts.</summary>
public enum EvaluationIssueKind
{
    /// <summary>The image's annotation file does not exist.</summary>
    AnnotationMissing,
    /// <summary>The annotation could not be parsed, or a field has the wrong type or value.</summary>
    AnnotationMalformed,
    /// <summary>The image file named by the annotation does not exist.</summary>
    ImageMissing,
    /// <summary>An image has no annotated object at all.</summary>
    NoAnnotation,
    /// <summary>A ground-truth box reaches outside its image, or has a negative size.</summary>
    BoxOutsideImage,
    /// <summary>An image-list line names no image of the annotations.</summary>
    ImageNotInAnnotations,
    /// <summary>An image is listed twice; it is evaluated once.</summary>
    DuplicateImage,
    /// <summary>A prediction's key names no image of the evaluated set.</summary>
    UnusedPrediction,
    /// <summary>Several prediction keys name the same image with different boxes.</summary>
    AmbiguousPrediction,
    /// <summary>The same image appears in several parts with the same result.</summary>
    DuplicatePrediction,
    /// <summary>The same image appears in several parts with different results.</summary>
    ConflictingPrediction,
    /// <summary>A JSON Lines file ends in a line cut short (a crash mid-write); the line is ignored.</summary>
    TruncatedLine,
    /// <summary>
    /// An image's name gives no integer id, which a detector's results name images by: a miss in a CorLoc of detections;
    /// pseudo-labels number such a set's images in order instead.
    /// </summary>
    NoNumericImageId,
}
