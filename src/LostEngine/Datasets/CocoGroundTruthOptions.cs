namespace LostEngine.Datasets;

/// <summary>Which COCO ground truth to read.</summary>
/// <param name="AnnotationsFile">An instances JSON file (e.g. <c>instances_train2014.json</c>).</param>
/// <param name="ImagesFolder">The folder of the images the file names point into.</param>
/// <param name="ImageListFile">
/// Optional: a file of image file names, one per line, selecting a subset (e.g. COCO20k's
/// <c>coco_20k_filenames.txt</c>); lines may carry folders, only the file name is matched.
/// </param>
public sealed record CocoGroundTruthOptions(string AnnotationsFile, string ImagesFolder, string? ImageListFile = null);
