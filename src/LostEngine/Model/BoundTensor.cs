using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace LostEngine.Model;

/// <summary>
/// A float32 tensor whose memory the engine owns and ONNX Runtime reads or writes in place: a pinned managed
/// array on the CPU, or host memory from the session's CUDA-pinned allocator on a GPU provider (so the
/// device-to-host copy of the outputs is a DMA, not a staged copy). Either way the address never moves, so the
/// <see cref="OrtValue"/> over it is created once.
/// </summary>
internal sealed unsafe class BoundTensor : IDisposable
{
    private readonly float[]? _array;
    private readonly float* _data;

    private BoundTensor(float[]? array, float* data, int length, OrtValue value)
    {
        _array = array;
        _data = data;
        Length = length;
        Value = value;
    }

    /// <summary>Number of floats.</summary>
    public int Length { get; }

    /// <summary>The ONNX Runtime value over this memory.</summary>
    public OrtValue Value { get; }

    /// <summary>The values, in ONNX's row-major order.</summary>
    public Span<float> Span => new(_data, Length);

    /// <summary>A pinned managed array of the shape's size, described to ONNX Runtime as CPU memory.</summary>
    public static BoundTensor Pinned(long[] shape)
    {
        int length = Length_(shape);
        var array = GC.AllocateUninitializedArray<float>(length, pinned: true);
        var value = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, array.AsMemory(), shape);
        var data = (float*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
        return new BoundTensor(array, data, length, value);
    }

    /// <summary>Memory of the shape's size from <paramref name="allocator"/> (ONNX Runtime owns and frees it with the value).</summary>
    public static BoundTensor FromAllocator(OrtAllocator allocator, long[] shape)
    {
        int length = Length_(shape);
        var value = OrtValue.CreateAllocatedTensorValue(allocator, TensorElementType.Float, shape);
        var data = (float*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(value.GetTensorMutableDataAsSpan<float>()));
        return new BoundTensor(null, data, length, value);
    }

    private static int Length_(long[] shape)
    {
        long length = 1;
        foreach (long d in shape)
        {
            length *= d;
        }
        if (length > Array.MaxLength)
        {
            throw new LostInputException("tensor", $"shape [{string.Join(", ", shape)}] has {length} elements, more than one buffer can hold.");
        }
        return (int)length;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Value.Dispose();
        GC.KeepAlive(_array);
    }
}
