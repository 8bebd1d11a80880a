using System.Buffers.Binary;
using System.Runtime.InteropServices;
using LostEngine.Checkpoints;

namespace LostEngine.Tests.Checkpoints;

/// <summary>
/// Storage types and views: bfloat16 widens exactly, float64 and integer storages are refused naming the tensor,
/// and views that leave their storage or storages that disagree with their entry are refused before any is read.
/// </summary>
public sealed class StorageTests
{
    private const string Fixture = "dino_s8_backbone";
    private const string Target = "blocks.0.attn.qkv.bias";

    [Fact]
    public void Bfloat16_storages_widen_to_float32_exactly()
    {
        var tensors = CheckpointBytes.FixtureTensors(Fixture).Select(AsBfloat16).ToList();

        var checkpoint = CheckpointBytes.Read(CheckpointBuilder.Build(tensors), CheckpointBytes.Options(Fixture));

        var original = CheckpointFixtures.Read(Fixture).Tensors[Target].Values;
        var truncated = original.Select(v => BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(v) & unchecked((int)0xffff0000))).ToArray();
        Assert.Equal(truncated, checkpoint.Tensors[Target].Values);
    }

    [Fact]
    public void A_float64_tensor_is_refused_by_name_rather_than_rounded()
    {
        var tensors = Replace(Target, t => t.AsDouble());

        var error = CheckpointBytes.Refused(CheckpointBuilder.Build(tensors), CheckpointBytes.Options(Fixture));

        Assert.Equal(Target, error.Tensor);
        Assert.StartsWith($"tensor '{Target}' is float64 (torch.DoubleStorage); backbone weights are read from float32, float16 and bfloat16 only", error.Problem);
    }

    [Fact]
    public void An_int64_tensor_is_refused_by_name()
    {
        var tensors = Replace(Target, t => t with { StorageType = "LongStorage", StorageBytes = new byte[t.StorageNumel * 8] });

        var error = CheckpointBytes.Refused(CheckpointBuilder.Build(tensors), CheckpointBytes.Options(Fixture));

        Assert.StartsWith($"tensor '{Target}' is int64 (torch.LongStorage)", error.Problem);
    }

    [Fact]
    public void A_tensor_larger_than_its_storage_is_refused()
    {
        var tensors = Replace(Target, t => t with { StorageNumel = 64, StorageBytes = t.StorageBytes[..256] });

        var error = CheckpointBytes.Refused(CheckpointBuilder.Build(tensors), CheckpointBytes.Options(Fixture));

        Assert.Equal(Target, error.Tensor);
        Assert.Matches($@"^tensor '{Regex(Target)}' of shape \(96,\), stride \(1,\) at offset 0 reaches past the 64 elements of storage '\d+'\.$", error.Problem);
    }

    [Fact]
    public void A_view_at_an_offset_past_its_storage_is_refused()
    {
        var tensors = Replace(Target, t => t with { Offset = 1 });

        var error = CheckpointBytes.Refused(CheckpointBuilder.Build(tensors), CheckpointBytes.Options(Fixture));

        Assert.Contains("at offset 1 reaches past the 96 elements", error.Problem);
    }

    [Fact]
    public void A_stride_that_overflows_is_refused()
    {
        var tensors = Replace(Target, t => t with { Stride = [1L << 62] });

        var error = CheckpointBytes.Refused(CheckpointBuilder.Build(tensors), CheckpointBytes.Options(Fixture));

        Assert.Contains("stride (4611686018427387904,) at offset 0 reaches past the 96 elements", error.Problem);
    }

    [Fact]
    public void An_entry_whose_size_disagrees_with_the_storages_numel_is_refused()
    {
        var tensors = Replace(Target, t => t with { StorageBytes = [.. t.StorageBytes, 0, 0, 0, 0] });

        var error = CheckpointBytes.Refused(CheckpointBuilder.Build(tensors), CheckpointBytes.Options(Fixture));

        Assert.Matches(@"^entry 'archive/data/\d+' holds 388 bytes, but the pickle names storage '\d+' as 96 float32 elements \(384 bytes\)\.$", error.Problem);
    }

    [Fact]
    public void Views_of_one_storage_are_each_copied_in_row_major_order()
    {
        var storage = Enumerable.Range(0, 96 * 32 + 7).Select(i => (float)i).ToArray();
        var bytes = MemoryMarshal.AsBytes(storage.AsSpan()).ToArray();
        var tensors = CheckpointBytes.FixtureTensors(Fixture)
            .Select(t => t.Name switch
            {
                // The (96, 32) weight as the transpose of a (32, 96) block at offset 7: [r, c] is storage[7 + r + 96c].
                "blocks.0.attn.qkv.weight" => t with { Stride = [1, 96], Offset = 7, StorageNumel = storage.Length, StorageBytes = bytes },
                "blocks.0.attn.qkv.bias" => t with { Stride = [1], Offset = 0, StorageNumel = storage.Length, StorageBytes = bytes },
                _ => t,
            }).ToList();

        var checkpoint = CheckpointBytes.Read(CheckpointBuilder.Build(tensors), CheckpointBytes.Options(Fixture));

        var weight = checkpoint.Tensors["blocks.0.attn.qkv.weight"].Values;
        Assert.Equal(7 + 5 + 96 * 3, weight[5 * 32 + 3]);
        Assert.Equal(Enumerable.Range(0, 96).Select(i => (float)i), checkpoint.Tensors["blocks.0.attn.qkv.bias"].Values);
        Assert.NotSame(storage, weight);
    }

    private static List<SavedTensor> Replace(string name, Func<SavedTensor, SavedTensor> change) =>
        CheckpointBytes.FixtureTensors(Fixture).Select(t => t.Name == name ? change(t) : t).ToList();

    private static SavedTensor AsBfloat16(SavedTensor tensor)
    {
        var floats = MemoryMarshal.Cast<byte, float>(tensor.StorageBytes);
        var bytes = new byte[floats.Length * 2];
        for (int i = 0; i < floats.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2 * i), (ushort)(BitConverter.SingleToInt32Bits(floats[i]) >>> 16));
        }
        return tensor with { StorageType = "BFloat16Storage", StorageBytes = bytes };
    }

    private static string Regex(string text) => System.Text.RegularExpressions.Regex.Escape(text);
}
