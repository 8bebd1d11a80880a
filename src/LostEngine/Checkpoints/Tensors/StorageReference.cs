namespace LostEngine.Checkpoints;

/// <summary>
/// A storage as the pickle's persistent id <c>('storage', torch.&lt;Type&gt;Storage, key, location, numel)</c> names
/// it: the entry <c>data/&lt;key&gt;</c> holds <see cref="Numel"/> elements of <see cref="Type"/>. The location (the
/// device it was saved from) does not matter on read.
/// </summary>
internal sealed record StorageReference(string Key, TorchStorageType Type, long Numel)
{
    public long ByteLength => Numel * Type.ElementSize();
}
