using LostEngine.Model;

namespace LostEngine.Tests.Model;

/// <summary>Models that break the contract, each built by tests/fixtures/models/make_models.py.</summary>
public sealed class ModelContractTests
{
    [Theory]
    [InlineData("no-contract-outputs.onnx", "has none of the outputs q, k, v, cls_attention")]
    [InlineData("k-int64.onnx", "output 'k' is Int64; expected a float32 tensor")]
    [InlineData("no-patch-size.onnx", "has no 'lostengine.patch_size' metadata")]
    [InlineData("input-rank-3.onnx", "input 'pixel_values' has rank 3; expected 4")]
    [InlineData("prefix-tokens-too-many.onnx", "metadata 'lostengine.prefix_tokens' is 1000; at most 257 tokens")]
    [InlineData("prefix-tokens-zero.onnx", "metadata 'lostengine.prefix_tokens' is '0'; expected a positive integer")]
    [InlineData("cls-embedding-rank-3.onnx", "output 'cls_embedding' has rank 3; expected 2, [1, d]")]
    public void A_model_breaking_the_contract_is_rejected_naming_file_and_problem(string file, string problem)
    {
        string path = Fixtures.BrokenModel(file);
        var e = Assert.Throws<ModelFormatException>(() => DinoModel.Load(path));
        Assert.Contains(problem, e.Message);
        Assert.Contains(path, e.Message);
        Assert.IsAssignableFrom<LostInputException>(e);
    }

    [Fact]
    public void A_model_without_the_needed_output_is_rejected_when_binding()
    {
        string path = Fixtures.BrokenModel("only-q.onnx");
        using var model = DinoModel.Load(path);
        Assert.Equal(ModelOutputs.Q, model.Info.Outputs);
        var e = Assert.Throws<ModelFormatException>(() => new KeyExtractor(model, ModelOutputs.K));
        Assert.Contains("has no output 'k'", e.Message);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void A_file_that_is_not_onnx_is_a_model_format_error()
    {
        string path = Path.Combine(Fixtures.TempFolder(), "garbage.onnx");
        File.WriteAllText(path, "this is not a protobuf");
        var e = Assert.Throws<ModelFormatException>(() => DinoModel.Load(path));
        Assert.Contains("ONNX Runtime cannot load it", e.Message);
    }

    [Fact]
    public void A_missing_model_file_is_an_input_error()
    {
        var e = Assert.Throws<LostInputException>(() => DinoModel.Load("/nonexistent/model.onnx"));
        Assert.Contains("does not exist", e.Message);
    }
}
