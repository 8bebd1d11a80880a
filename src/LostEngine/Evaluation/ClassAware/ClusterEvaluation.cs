namespace LostEngine.Evaluation.ClassAware;

/// <summary>
/// The class-aware detection scores of clustered detections: the AP50 of every class × cluster pair, the
/// one-to-one matching that maximises their mean, and each class's APs with its matched cluster.
/// </summary>
/// <param name="Classes">The classes, in order.</param>
/// <param name="ClusterCount">How many clusters were scored.</param>
/// <param name="MatchingAp50">The reference's reward matrix: AP at IoU 0.5 as a fraction, [class][cluster].</param>
/// <param name="PerClass">Each class with its matched cluster and APs, in class order.</param>
/// <param name="HungarianAp50">The mean AP50 (percent) of the matched pairs, the matching's objective.</param>
/// <param name="Ap50">The mean over classes of AP at IoU 0.5, percent.</param>
/// <param name="Ap75">The mean over classes of AP at IoU 0.75, percent.</param>
/// <param name="Ap">The mean over IoU 0.50:0.05:0.95 of the mean over classes, percent.</param>
public sealed record ClusterEvaluation(
    IReadOnlyList<string> Classes,
    int ClusterCount,
    IReadOnlyList<IReadOnlyList<double>> MatchingAp50,
    IReadOnlyList<ClassClusterScore> PerClass,
    double HungarianAp50,
    double Ap50,
    double Ap75,
    double Ap);

/// <summary>One class scored with the cluster matched to it.</summary>
/// <param name="ClassName">The class.</param>
/// <param name="Cluster">The matched cluster (its <c>category_id</c>).</param>
/// <param name="ApByIoU">AP (percent) at IoU 0.50, 0.55, ..., 0.95.</param>
/// <param name="Ap50">AP at IoU 0.5, percent.</param>
/// <param name="Ap75">AP at IoU 0.75, percent.</param>
/// <param name="Ap">The mean of <paramref name="ApByIoU"/>.</param>
public sealed record ClassClusterScore(string ClassName, int Cluster, IReadOnlyList<double> ApByIoU, double Ap50, double Ap75, double Ap);
