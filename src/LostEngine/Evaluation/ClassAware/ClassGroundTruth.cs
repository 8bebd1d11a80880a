namespace LostEngine.Evaluation.ClassAware;

/// <summary>
/// The objects of one class, grouped by image in the set's order: what the reference's <c>voc_eval</c> gathers
/// into <c>class_recs</c> for that class, kept once for every cluster scored against it.
/// </summary>
internal sealed class ClassGroundTruth
{
    public ClassGroundTruth(string name, int imageCount)
    {
        Name = name;
        ImageStart = new int[imageCount + 1];
    }

    public string Name { get; }

    /// <summary>The objects of image i are <c>ImageStart[i]</c> up to <c>ImageStart[i + 1]</c>.</summary>
    public int[] ImageStart { get; }

    /// <summary>The boxes as <c>parse_rec</c> reads them: the XML's integers, 1-based, maxima inclusive.</summary>
    public double[] X1 { get; private set; } = [];

    public double[] Y1 { get; private set; } = [];

    public double[] X2 { get; private set; } = [];

    public double[] Y2 { get; private set; } = [];

    public bool[] Difficult { get; private set; } = [];

    /// <summary>
    /// The objects that are not difficult, the recall's denominator; an image listed twice in the set counts twice,
    /// as the reference's <c>npos</c> does.
    /// </summary>
    public int Positives { get; private set; }

    public int Count => X1.Length;

    /// <summary>Fills the arrays from each image's (box, difficult) objects of this class and how often the set lists it.</summary>
    public void Fill(IReadOnlyList<List<(BoundingBox Box, bool Difficult)>> objectsByImage, IReadOnlyList<int> listings)
    {
        int total = objectsByImage.Sum(objects => objects.Count);
        X1 = new double[total];
        Y1 = new double[total];
        X2 = new double[total];
        Y2 = new double[total];
        Difficult = new bool[total];
        int next = 0;
        for (int image = 0; image < objectsByImage.Count; image++)
        {
            ImageStart[image] = next;
            foreach ((BoundingBox box, bool difficult) in objectsByImage[image])
            {
                // The reader keeps VOC boxes as [xmin - 1, ymin - 1, xmax, ymax]; parse_rec keeps the XML's integers.
                X1[next] = box.X1 + 1;
                Y1[next] = box.Y1 + 1;
                X2[next] = box.X2;
                Y2[next] = box.Y2;
                Difficult[next] = difficult;
                if (!difficult)
                {
                    Positives += listings[image];
                }
                next++;
            }
        }
        ImageStart[objectsByImage.Count] = next;
    }
}
