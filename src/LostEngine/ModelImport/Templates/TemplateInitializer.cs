namespace LostEngine.ModelImport.Templates;

/// <summary>
/// One initializer of a graph template: a slot for the checkpoint tensor of the same name and shape (no
/// <see cref="Constant"/>), or a constant of the graph, kept as its encoded field.
/// </summary>
internal sealed record TemplateInitializer(string Name, int[] Shape, byte[]? Constant)
{
    /// <summary>Whether a checkpoint tensor fills it.</summary>
    public bool IsSlot => Constant is null;

    /// <summary>Elements of the shape.</summary>
    public long Elements
    {
        get
        {
            long n = 1;
            foreach (int d in Shape)
            {
                n *= d;
            }
            return n;
        }
    }
}
