using System.Globalization;
using System.Text.RegularExpressions;

namespace LostEngine.Checkpoints;

/// <summary>
/// Reads a <see cref="ViTArchitecture"/> off a state dict's names and shapes, confirms it with the caller's
/// options, then checks the state dict against <see cref="ExpectedParameters"/>: nothing missing, nothing extra,
/// every shape equal. Shapes only: this runs before any storage is read.
/// </summary>
internal static partial class ArchitectureInference
{
    private const string PatchEmbedding = "patch_embed.proj.weight";
    private const string PositionEmbedding = "pos_embed";
    private const string RegisterTokens = "register_tokens";

    public static ViTArchitecture Infer(IReadOnlyList<(string Name, int[] Shape)> tensors, CheckpointOptions options, string source)
    {
        var shapes = tensors.ToDictionary(tensor => tensor.Name, tensor => tensor.Shape, StringComparer.Ordinal);
        shapes.TryGetValue(PatchEmbedding, out var patch);
        if (patch is not [> 0, 3, > 0, > 0] || patch[2] != patch[3])
        {
            throw Mismatch(source, PatchEmbedding, "(embed_dim, 3, patch, patch)", patch);
        }
        int dim = patch[0];
        int patchSize = patch[2];
        if (options.Patch is int wanted && wanted != patchSize)
        {
            throw Mismatch(source, PatchEmbedding, $"{ShapeText.Of([dim, 3, wanted, wanted])} for patch {wanted}", patch);
        }
        var official = options.Arch is null ? OfficialSize.ByWidth(dim) : OfficialSize.ByName(options.Arch);
        if (options.Arch is not null && official!.EmbedDim != dim)
        {
            throw Mismatch(source, PatchEmbedding, $"{ShapeText.Of([official.EmbedDim, 3, patchSize, patchSize])} for {official.Name}", patch);
        }
        int heads = options.Heads ?? official?.Heads ?? throw new CheckpointFormatException(source, string.Create(CultureInfo.InvariantCulture,
            $"embed dim {dim} is none of the official widths ({string.Join(", ", OfficialSize.All.Select(size => size.EmbedDim))}), so the number of heads is not known: give it."));
        if (dim % heads != 0)
        {
            throw new CheckpointFormatException(source, string.Create(CultureInfo.InvariantCulture, $"{heads} heads do not divide the embed dim {dim}."));
        }

        var family = shapes.Keys.Any(IsDinoV2Only) ? ViTFamily.DinoV2 : ViTFamily.Dino;
        int registers = Registers(shapes, dim, options.Registers, source);
        var feedForward = shapes.Keys.Any(name => name.EndsWith(".mlp.w12.weight", StringComparison.Ordinal)) ? ViTFeedForward.SwiGlu : ViTFeedForward.Mlp;
        var architecture = new ViTArchitecture(
            family,
            patchSize,
            dim,
            Depth(shapes.Keys, source),
            heads,
            registers,
            LayerScale: shapes.Keys.Any(IsLayerScale),
            feedForward,
            ExpectedParameters.FeedForwardHiddenDim(feedForward, dim),
            PositionGrid(shapes, dim, source),
            // The hub builds the register models with interpolate_offset=0 and antialiasing, the others with the
            // 0.1 offset DINO introduced.
            InterpolateOffset: registers > 0 ? 0f : 0.1f,
            InterpolateAntialias: registers > 0);
        CheckTensors(tensors, shapes, architecture, source);
        return architecture;
    }

    private static bool IsDinoV2Only(string name) =>
        name is "mask_token" or RegisterTokens || IsLayerScale(name) || name.EndsWith(".mlp.w12.weight", StringComparison.Ordinal);

    private static bool IsLayerScale(string name) =>
        name.StartsWith("blocks.", StringComparison.Ordinal)
        && (name.EndsWith(".ls1.gamma", StringComparison.Ordinal) || name.EndsWith(".ls2.gamma", StringComparison.Ordinal));

    private static int Registers(Dictionary<string, int[]> shapes, int dim, int? wanted, string source)
    {
        if (!shapes.TryGetValue(RegisterTokens, out var tokens))
        {
            if (wanted is > 0)
            {
                throw Mismatch(source, RegisterTokens, $"{ShapeText.Of([1, wanted.Value, dim])} for {wanted} registers", null);
            }
            return 0;
        }
        if (tokens is not [1, > 0, _] || tokens[2] != dim)
        {
            throw Mismatch(source, RegisterTokens, $"(1, registers, {dim})", tokens);
        }
        if (wanted is int count && count != tokens[1])
        {
            throw Mismatch(source, RegisterTokens, count == 0 ? "no such tensor for 0 registers" : $"{ShapeText.Of([1, count, dim])} for {count} registers", tokens);
        }
        return tokens[1];
    }

    private static int Depth(IEnumerable<string> names, string source)
    {
        var indices = names.Select(name => BlockIndex().Match(name)).Where(match => match.Success)
            .Select(match => int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture)).ToHashSet();
        if (indices.Count == 0)
        {
            throw new CheckpointFormatException(source, "has no blocks.<i>.* tensors: not a vision transformer's state dict.", tensor: "blocks.0.norm1.weight");
        }
        int depth = indices.Max() + 1;
        if (depth > 2 * indices.Count)
        {
            // A stray huge index would otherwise have every block before it listed as missing.
            int missing = Enumerable.Range(0, depth).First(index => !indices.Contains(index));
            throw Mismatch(source, $"blocks.{missing}.norm1.weight", "a tensor", null,
                string.Create(CultureInfo.InvariantCulture, $"blocks go up to index {depth - 1} but only {indices.Count} are present"));
        }
        return depth;
    }

    private static int PositionGrid(Dictionary<string, int[]> shapes, int dim, string source)
    {
        shapes.TryGetValue(PositionEmbedding, out var positions);
        int side = positions is [1, > 1, _] && positions[2] == dim ? (int)Math.Round(Math.Sqrt(positions[1] - 1)) : 0;
        if (side == 0 || side * side != positions![1] - 1)
        {
            throw Mismatch(source, PositionEmbedding, $"(1, 1 + side * side, {dim}) for a square grid", positions);
        }
        return side;
    }

    private static void CheckTensors(IReadOnlyList<(string Name, int[] Shape)> tensors, Dictionary<string, int[]> shapes, ViTArchitecture architecture, string source)
    {
        var problems = new List<(string Name, string Expected, int[]? Found)>();
        var expectedNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, shape) in ExpectedParameters.For(architecture))
        {
            expectedNames.Add(name);
            if (!shapes.TryGetValue(name, out var found) || !found.AsSpan().SequenceEqual(shape))
            {
                problems.Add((name, ShapeText.Of(shape), found));
            }
        }
        problems.AddRange(tensors.Where(tensor => !expectedNames.Contains(tensor.Name))
            .Select(tensor => (tensor.Name, "no such tensor", (int[]?)tensor.Shape)));
        if (problems.Count > 0)
        {
            var (name, expected, found) = problems[0];
            string more = problems.Count > 1 ? string.Create(CultureInfo.InvariantCulture, $"; {problems.Count - 1} more tensors disagree") : "";
            throw Mismatch(source, name, expected, found, $"for {architecture.Describe()}{more}");
        }
    }

    private static CheckpointFormatException Mismatch(string source, string tensor, string expected, int[]? found, string? context = null) =>
        new(source, $"tensor '{tensor}': expected {expected}, found {(found is null ? "none" : ShapeText.Of(found))}{(context is null ? "" : $" ({context})")}.", tensor);

    [GeneratedRegex(@"^blocks\.([0-9]{1,9})\.", RegexOptions.CultureInvariant)]
    private static partial Regex BlockIndex();
}
