using System.Security.Cryptography;
using System.Text;

namespace Coopdir.Core.Exports;

/// <summary>
/// RFC 9562 version 5 UUIDs in the URL namespace: formats that want UUIDs (HSDS) get the same one
/// for the same record every time, derived from the record's URL.
/// </summary>
public static class NameBasedUuid
{
    private static readonly byte[] UrlNamespace = Guid.Parse("6ba7b811-9dad-11d1-80b4-00c04fd430c8").ToByteArray(bigEndian: true);

    // An HSDS export derives several per record, so the hash input is built on the stack when it fits.
    public static Guid ForUrl(string url)
    {
        var size = UrlNamespace.Length + Encoding.UTF8.GetMaxByteCount(url.Length);
        var input = size <= 1024 ? stackalloc byte[size] : new byte[size];
        UrlNamespace.CopyTo(input);
        var length = UrlNamespace.Length + Encoding.UTF8.GetBytes(url, input[UrlNamespace.Length..]);
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(input[..length], hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
