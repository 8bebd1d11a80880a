using System.Text.Json;
using LostEngine.Clustering;
using LostEngine.IO;

namespace LostEngine.Tests.Clustering;

/// <summary>One kmeans2 case of tests/fixtures/clustering, made by src/export/make_clustering_fixtures.py.</summary>
public sealed record Kmeans2Case(string Name, int K, uint Seed, int Rows, int Dims, bool SinglePrecision, bool EmptyCluster)
{
    public override string ToString() => Name;

    private string File(string kind) => ClusteringFixtures.File("kmeans2", $"{Name}.{kind}.npy");

    /// <summary>The features as stored (float32 or float64).</summary>
    public FeatureRows Features => SinglePrecision
        ? FeatureRows.FromSingle(NpyReader.Read(File("features")).Values, Rows, Dims)
        : FeatureRows.FromDouble(NpyReader.ReadFloat64(File("features")).Values, Rows, Dims);

    /// <summary>What cluster_for_OD.py hands kmeans2: whitened, rows divided by their norm, widened to float64.</summary>
    public double[] Prepared => NpyReader.ReadFloat64(File("prepared")).Values;

    public int[] Labels => Array.ConvertAll(NpyReader.ReadFloat64(File("labels")).Values, v => (int)v);

    public double[] Centres => NpyReader.ReadFloat64(File("centres")).Values;
}

/// <summary>The committed clustering fixtures: numpy's random draws and SciPy's kmeans2 results.</summary>
internal static class ClusteringFixtures
{
    public static string File(params string[] parts) => Path.Combine(
        [Reference.ReferenceCaseFolder.RepositoryRoot ?? throw new DirectoryNotFoundException("LostEngine.sln not found above the test binaries."),
            "tests", "fixtures", "clustering", .. parts]);

    private static readonly Lazy<JsonDocument> Manifest = new(() => JsonDocument.Parse(System.IO.File.ReadAllText(File("cases.json"))));

    public static uint[] Seeds => Manifest.Value.RootElement.GetProperty("seeds").EnumerateArray().Select(e => e.GetUInt32()).ToArray();

    public static int Count => Manifest.Value.RootElement.GetProperty("count").GetInt32();

    public static double[] ReadFloat64(params string[] parts) => NpyReader.ReadFloat64(File(parts)).Values;

    /// <summary>random.npy: [seed, (raw, random_sample, standard_normal), draw].</summary>
    public static double[] Draws(int seedIndex, int kind)
    {
        var all = NpyReader.ReadFloat64(File("random.npy"));
        int count = all.Shape[2];
        return all.Values.AsSpan((seedIndex * 3 + kind) * count, count).ToArray();
    }

    public static IEnumerable<Kmeans2Case> Cases() => Manifest.Value.RootElement.GetProperty("cases").EnumerateArray().Select(c => new Kmeans2Case(
        c.GetProperty("name").GetString()!,
        c.GetProperty("k").GetInt32(),
        c.GetProperty("seed").GetUInt32(),
        c.GetProperty("rows").GetInt32(),
        c.GetProperty("dims").GetInt32(),
        c.GetProperty("dtype").GetString() == "float32",
        c.GetProperty("empty_cluster").GetBoolean()));

    public static TheoryData<string> CaseNames(Func<Kmeans2Case, bool> which)
    {
        var data = new TheoryData<string>();
        foreach (var c in Cases().Where(which))
        {
            data.Add(c.Name);
        }
        return data;
    }

    public static Kmeans2Case Case(string name) => Cases().Single(c => c.Name == name);
}
