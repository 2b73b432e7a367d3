/** What the province's operator reads when the service or a command cannot start as configured. */
export const operator = {
  databaseFolder: (folder: string, code: string) =>
    `Không tạo được thư mục của cơ sở dữ liệu: ${folder} (${code}). Đặt CDS_DB (hoặc --db) là một tệp trong thư mục mà tài khoản chạy bot ghi được.`,
  databaseFile: (file: string, detail: string) =>
    `Không mở được cơ sở dữ liệu ${file} (${detail}). Kiểm tra CDS_DB (hoặc --db) và quyền ghi của tài khoản chạy bot.`,
};
