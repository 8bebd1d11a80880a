using LostEngine.ModelImport.Templates;

namespace LostEngine.ModelImport;

/// <summary>Pairs a checkpoint's tensors with a template's slots, refusing any missing, extra or misshapen tensor.</summary>
internal static class TemplateMatch
{
    /// <summary>The values for each of the template's initializers, in its order; empty for its constants.</summary>
    /// <exception cref="TensorMismatchException">A slot has no tensor, or the wrong shape or value count, or a tensor has no slot.</exception>
    public static ReadOnlyMemory<float>[] Weights(OnnxTemplate template, IEnumerable<NamedTensor> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var byName = new Dictionary<string, NamedTensor>(StringComparer.Ordinal);
        var order = new List<NamedTensor>();
        foreach (var tensor in tensors)
        {
            ArgumentNullException.ThrowIfNull(tensor);
            ArgumentNullException.ThrowIfNull(tensor.Name);
            ArgumentNullException.ThrowIfNull(tensor.Shape);
            if (!byName.TryAdd(tensor.Name, tensor))
            {
                throw new TensorMismatchException(tensor.Name, null, tensor.Shape, "appears twice in the checkpoint.");
            }
            order.Add(tensor);
        }
        string graph = $"the {template.Name} graph";
        var slots = new HashSet<string>(StringComparer.Ordinal);
        var weights = new ReadOnlyMemory<float>[template.Initializers.Count];
        for (int i = 0; i < weights.Length; i++)
        {
            var slot = template.Initializers[i];
            if (!slot.IsSlot)
            {
                continue;
            }
            slots.Add(slot.Name);
            string expected = TensorMismatchException.Format(slot.Shape);
            if (!byName.TryGetValue(slot.Name, out var tensor))
            {
                throw new TensorMismatchException(slot.Name, slot.Shape, null, $"is missing from the checkpoint; {graph} expects {expected}.");
            }
            if (!tensor.Shape.AsSpan().SequenceEqual(slot.Shape))
            {
                throw new TensorMismatchException(slot.Name, slot.Shape, tensor.Shape,
                    $"has shape {TensorMismatchException.Format(tensor.Shape)}; {graph} expects {expected}.");
            }
            if (tensor.Values.Length != slot.Elements)
            {
                throw new TensorMismatchException(slot.Name, slot.Shape, tensor.Shape,
                    $"has shape {expected} but {tensor.Values.Length} values.");
            }
            weights[i] = tensor.Values;
        }
        foreach (var tensor in order)
        {
            if (slots.Contains(tensor.Name))
            {
                continue;
            }
            string actual = TensorMismatchException.Format(tensor.Shape);
            if (!template.Unused.TryGetValue(tensor.Name, out var unusedShape))
            {
                throw new TensorMismatchException(tensor.Name, null, tensor.Shape, $"{actual} is not part of {graph}.");
            }
            if (!tensor.Shape.AsSpan().SequenceEqual(unusedShape))
            {
                throw new TensorMismatchException(tensor.Name, unusedShape, tensor.Shape,
                    $"has shape {actual}; {graph} expects {TensorMismatchException.Format(unusedShape)} (it does not use the tensor).");
            }
        }
        return weights;
    }
}
