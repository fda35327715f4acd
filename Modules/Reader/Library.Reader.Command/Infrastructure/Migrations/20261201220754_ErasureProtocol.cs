using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Library.Reader.Command.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ErasureProtocol : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "erasure",
                schema: "reader",
                table: "readers",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "None");

            migrationBuilder.AddColumn<string>(
                name: "erasure_refusal_code",
                schema: "reader",
                table: "readers",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "erasure_request_id",
                schema: "reader",
                table: "readers",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "erasure_requested_at",
                schema: "reader",
                table: "readers",
                type: "timestamp with time zone",
                nullable: true);

            // Readers erased before the protocol existed: their erasure is complete.
            migrationBuilder.Sql(
                """
                UPDATE reader.readers
                SET erasure = 'Completed', erasure_request_id = gen_random_uuid(), erasure_requested_at = erased_at
                WHERE status = 'Erased'
                """);
            migrationBuilder.Sql(
                "ALTER TABLE reader.readers ADD CONSTRAINT ck_readers_erasure_request CHECK ((erasure = 'None') = (erasure_request_id IS NULL) AND (erasure_request_id IS NULL) = (erasure_requested_at IS NULL) AND (erasure = 'Completed') = (status = 'Erased'))");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE reader.readers DROP CONSTRAINT ck_readers_erasure_request");
            migrationBuilder.DropColumn(
                name: "erasure",
                schema: "reader",
                table: "readers");

            migrationBuilder.DropColumn(
                name: "erasure_refusal_code",
                schema: "reader",
                table: "readers");

            migrationBuilder.DropColumn(
                name: "erasure_request_id",
                schema: "reader",
                table: "readers");

            migrationBuilder.DropColumn(
                name: "erasure_requested_at",
                schema: "reader",
                table: "readers");
        }
    }
}
