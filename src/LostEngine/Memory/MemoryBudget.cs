namespace LostEngine.Memory;

/// <summary>The memory this process may still use, and which limit set it, for messages.</summary>
/// <param name="Bytes">Bytes that can still be allocated.</param>
/// <param name="Source">The limit that is tightest: available RAM, a cgroup limit, the address-space limit.</param>
internal readonly record struct MemoryBudget(long Bytes, string Source);
