using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace Library.Identity.Infrastructure;

/// <summary>
/// The token server's keys (docs/adr/0019): X.509 certificates from configuration wherever they are
/// given, and required in the Production environment; elsewhere RSA keys created once in
/// <see cref="KeyOptions.DevelopmentDirectory"/> and reused, so tokens outlive a restart.
/// </summary>
internal static class SigningKeys
{
    public static void Configure(OpenIddictServerBuilder server, KeyOptions keys, IConfiguration configuration)
    {
        if (keys.SigningCertificates.Count > 0 || keys.EncryptionCertificates.Count > 0)
        {
            if (keys.SigningCertificates.Count == 0 || keys.EncryptionCertificates.Count == 0)
            {
                throw new InvalidOperationException("Identity:Keys needs both SigningCertificates and EncryptionCertificates (PKCS#12 files with their private keys).");
            }

            foreach (var certificate in keys.SigningCertificates.Select(Load))
            {
                server.AddSigningCertificate(certificate);
            }

            foreach (var certificate in keys.EncryptionCertificates.Select(Load))
            {
                server.AddEncryptionCertificate(certificate);
            }

            return;
        }

        var environment = configuration[HostDefaults.EnvironmentKey] ?? Environments.Production;
        if (keys.DevelopmentDirectory is { Length: > 0 } directory && !string.Equals(environment, Environments.Production, StringComparison.OrdinalIgnoreCase))
        {
            var root = configuration[HostDefaults.ContentRootKey] ?? Directory.GetCurrentDirectory();
            var path = Path.GetFullPath(Path.IsPathRooted(directory) ? directory : Path.Combine(root, directory));
            server.AddSigningKey(LoadOrCreate(path, "signing-key.pem"));
            server.AddEncryptionKey(LoadOrCreate(path, "encryption-key.pem"));
            return;
        }

        throw new InvalidOperationException(
            "The Identity service has no signing material: set Identity:Keys:SigningCertificates:0:Path and " +
            "Identity:Keys:EncryptionCertificates:0:Path (PKCS#12, with :Password). Identity:Keys:DevelopmentDirectory " +
            "is refused in the Production environment.");
    }

    private static X509Certificate2 Load(CertificateOptions options)
    {
        var path = options.Path is { Length: > 0 } p ? p : throw new InvalidOperationException("An Identity:Keys certificate has no Path.");
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, options.Password, X509KeyStorageFlags.EphemeralKeySet);
        return certificate.HasPrivateKey ? certificate : throw new InvalidOperationException($"The certificate in {path} has no private key.");
    }

    /// <summary>
    /// Reads the key, or creates it once: written to a temporary file and moved into place without
    /// overwriting, so two processes starting together agree on one key (the loser reads the winner's).
    /// </summary>
    private static RsaSecurityKey LoadOrCreate(string directory, string fileName)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, fileName);
        if (!File.Exists(path))
        {
            using var created = RSA.Create(2048);
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            var pem = created.ExportRSAPrivateKeyPem();
            if (OperatingSystem.IsWindows())
            {
                File.WriteAllText(temporary, pem);
            }
            else
            {
                using var stream = new FileStream(temporary, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.Write,
                    UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                });
                using var writer = new StreamWriter(stream);
                writer.Write(pem);
            }

            try
            {
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temporary);
            }
        }

        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(path));
        var key = new RsaSecurityKey(rsa);

        // A stable key id (the thumbprint of the public key), so a restart publishes the same "kid".
        key.KeyId = Base64UrlEncoder.Encode(key.ComputeJwkThumbprint())[..16];
        return key;
    }
}
