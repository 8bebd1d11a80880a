namespace LostEngine.Checkpoints;

/// <summary>What an allowed global is for.</summary>
internal enum PickleGlobalKind
{
    /// <summary><c>collections.OrderedDict</c>: <c>state_dict()</c> returns one.</summary>
    OrderedDict,

    /// <summary><c>torch._utils._rebuild_tensor_v2</c>: how <c>torch.save</c> writes every tensor.</summary>
    RebuildTensor,

    /// <summary><c>argparse.Namespace</c>: the <c>args</c> of a DINO training checkpoint.</summary>
    Namespace,

    /// <summary>A <c>torch.*Storage</c> class: the element type in a storage's persistent id.</summary>
    StorageType,
}

/// <summary>
/// A global the pickle named, from the short list a state dict needs. Any other <c>module name</c> pair is refused
/// when it is read, so a file can never reach a function or class beyond these, and these are only ever
/// interpreted, never looked up or called.
/// </summary>
internal sealed record PickleGlobal(string Module, string Name, PickleGlobalKind Kind, TorchStorageType StorageType = default)
{
    private static readonly PickleGlobal[] Allowed =
    [
        new("collections", "OrderedDict", PickleGlobalKind.OrderedDict),
        new("torch._utils", "_rebuild_tensor_v2", PickleGlobalKind.RebuildTensor),
        new("argparse", "Namespace", PickleGlobalKind.Namespace),
        .. Enum.GetValues<TorchStorageType>().Select(type => new PickleGlobal("torch", type.ClassName(), PickleGlobalKind.StorageType, type)),
    ];

    public string FullName => $"{Module}.{Name}";

    /// <summary>The allowed global <paramref name="module"/>.<paramref name="name"/>, or null.</summary>
    public static PickleGlobal? Find(string module, string name) =>
        Array.Find(Allowed, global => global.Module == module && global.Name == name);
}
