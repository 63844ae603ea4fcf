using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using Google.Protobuf;

namespace SolverEngine.Grpc.Internal;

/// <summary>
/// The length-prefixed message frame: 1 byte compressed-flag, 4 bytes big-endian length, then
/// the message. Uncompressed messages are parsed straight from, and serialized straight into,
/// the pipe's buffers (no copy of the message bytes).
/// </summary>
public static class MessageFraming
{
    /// <summary>
    /// Reads the next message; null at a clean end of stream. Throws RpcException for a truncated
    /// frame (INTERNAL), an over-size message (RESOURCE_EXHAUSTED) or a compressed message that
    /// the call's encoding cannot decode.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<(T? Message, bool Compressed)> ReadMessageAsync<T>(
        PipeReader reader, MessageParser<T> parser, string? encoding, int? maxSize, CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (TryParseFrame(buffer, maxSize, out var compressed, out var payload))
            {
                T message;
                try
                {
                    message = compressed
                        ? Decompress(payload, parser, encoding, maxSize)
                        : parser.ParseFrom(payload);
                }
                finally
                {
                    reader.AdvanceTo(payload.End);
                }
                return (message, compressed);
            }
            if (result.IsCompleted)
            {
                var remaining = buffer.Length;
                reader.AdvanceTo(buffer.End);
                if (remaining == 0) return (null, false);
                throw new RpcException(new Status(StatusCode.Internal,
                    $"Incomplete message: the stream ended after {remaining} byte(s) of a frame."));
            }
            if (result.IsCanceled) throw new OperationCanceledException(cancellationToken);
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>Finds a complete frame at the start of the buffer.</summary>
    public static bool TryParseFrame(in ReadOnlySequence<byte> buffer, int? maxSize, out bool compressed, out ReadOnlySequence<byte> payload)
    {
        compressed = false;
        payload = default;
        if (buffer.Length < GrpcProtocol.HeaderSize) return false;

        Span<byte> header = stackalloc byte[GrpcProtocol.HeaderSize];
        buffer.Slice(0, GrpcProtocol.HeaderSize).CopyTo(header);
        var flag = header[0];
        if (flag > 1)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"Invalid compressed flag {flag} in message frame; expected 0 or 1."));
        }
        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (maxSize is { } max && length > (uint)max)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted,
                $"Received message of {length} bytes exceeds the limit of {max} bytes."));
        }
        if (buffer.Length - GrpcProtocol.HeaderSize < length) return false;
        compressed = flag == 1;
        payload = buffer.Slice(GrpcProtocol.HeaderSize, length);
        return true;
    }

    private static T Decompress<T>(ReadOnlySequence<byte> payload, MessageParser<T> parser, string? encoding, int? maxSize)
        where T : class, IMessage<T>
    {
        if (encoding is null || encoding.Equals(GrpcProtocol.Identity, StringComparison.OrdinalIgnoreCase))
        {
            throw new RpcException(new Status(StatusCode.Internal,
                "Received a compressed message but the call's grpc-encoding is identity (none)."));
        }
        if (!encoding.Equals(GrpcProtocol.Gzip, StringComparison.OrdinalIgnoreCase))
        {
            throw new RpcException(new Status(StatusCode.Unimplemented,
                $"Message compressed with '{encoding}', which is not supported; supported: {GrpcProtocol.SupportedEncodings}."));
        }
        using var input = new SequenceStream(payload);
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int n;
            while ((n = gzip.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (maxSize is { } max && output.Length + n > max)
                {
                    throw new RpcException(new Status(StatusCode.ResourceExhausted,
                        $"Decompressed message exceeds the limit of {max} bytes."));
                }
                output.Write(chunk, 0, n);
            }
        }
        catch (InvalidDataException ex)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"Could not decompress gzip message: {ex.Message}"));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return parser.ParseFrom(new ReadOnlySpan<byte>(output.GetBuffer(), 0, (int)output.Length));
    }

    /// <summary>Writes one framed message into the writer (without flushing).</summary>
    public static void WriteMessage(IBufferWriter<byte> writer, IMessage message, bool compress, CompressionLevel level, int? maxSize)
    {
        var size = message.CalculateSize();
        ThrowIfTooLargeToSend(size, maxSize);
        if (!compress)
        {
            WriteHeader(writer, false, (uint)size);
            message.WriteTo(writer);
            return;
        }

        var raw = ArrayPool<byte>.Shared.Rent(Math.Max(size, 1));
        try
        {
            message.WriteTo(raw.AsSpan(0, size));
            using var compressed = new MemoryStream();
            using (var gzip = new GZipStream(compressed, level, leaveOpen: true))
            {
                gzip.Write(raw, 0, size);
            }
            WriteHeader(writer, true, (uint)compressed.Length);
            writer.Write(new ReadOnlySpan<byte>(compressed.GetBuffer(), 0, (int)compressed.Length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(raw);
        }
    }

    /// <summary>RESOURCE_EXHAUSTED for a message over the send limit.</summary>
    public static void ThrowIfTooLargeToSend(int size, int? maxSize)
    {
        if (maxSize is { } max && size > max)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted,
                $"Sending message of {size} bytes exceeds the limit of {max} bytes."));
        }
    }

    /// <summary>Writes an uncompressed frame (header, then the message) into exactly its size.</summary>
    public static void WriteFrame(Span<byte> frame, IMessage message)
    {
        frame[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(frame[1..], (uint)(frame.Length - GrpcProtocol.HeaderSize));
        message.WriteTo(frame[GrpcProtocol.HeaderSize..]);
    }

    private static void WriteHeader(IBufferWriter<byte> writer, bool compressed, uint length)
    {
        var span = writer.GetSpan(GrpcProtocol.HeaderSize);
        span[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(span[1..], length);
        writer.Advance(GrpcProtocol.HeaderSize);
    }

    /// <summary>A read-only stream over a byte sequence, so GZipStream can read pipe buffers in place.</summary>
    private sealed class SequenceStream(ReadOnlySequence<byte> sequence) : Stream
    {
        private ReadOnlySequence<byte> _remaining = sequence;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = (int)Math.Min(buffer.Length, _remaining.Length);
            _remaining.Slice(0, n).CopyTo(buffer);
            _remaining = _remaining.Slice(n);
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
