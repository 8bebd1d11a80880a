namespace LostEngine.Evaluation;

/// <summary>
/// Which of the reference's scripts a prediction is scored as: the precision of its IoU differs between them, and
/// the precision decides boxes that meet the 0.5 threshold exactly.
/// </summary>
public enum IoUConvention
{
    /// <summary><c>main_lost.py</c>: the ground truth as int64, the prediction as int64 or float64 (see <see cref="BoxIoU"/>).</summary>
    LostBoxes,

    /// <summary>
    /// <c>main_corloc_evaluation.py --type_pred detectron</c> with a box some of whose JSON numbers have a fraction or
    /// an exponent (as detectron2 writes them): the box float64, the ground truth float32 (see <see cref="Detections.DetectionIoU"/>).
    /// </summary>
    DetectorFloatBox,

    /// <summary>The same script with all four JSON numbers written as integers, which NumPy holds as int64.</summary>
    DetectorIntegerBox,
}
