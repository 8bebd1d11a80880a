namespace LostEngine.Tests.Import;

/// <summary>
/// Each small variant's template filled with the official model's weights, run by ONNX Runtime on the test images
/// (preprocessed and padded to the patch size by the engine), gives the official code's outputs.
/// </summary>
public sealed class ImportedKeysTests
{
    public static TheoryData<string, string> Cases => ImportFixtures.Cases();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_output_equals_the_official_code(string variant, string image)
    {
        int patch = ImportFixtures.Variant(variant).GetProperty("patch_size").GetInt32();
        var outputs = ModelRunner.Run(ImportFixtures.ImportedModel(variant), ImportFixtures.ImagePath(variant, image), patch);
        foreach (string name in new[] { "q", "k", "v", "cls_attention", "cls_embedding" })
        {
            var expected = ImportFixtures.Official(variant, image, name);
            var (shape, values) = outputs[name];
            Assert.Equal(expected.Shape, shape[1..]);
            OutputComparison.AssertClose(expected.Values, values, $"{variant} {image} {name}");
        }
    }
}
