"""One wrapper module per external recognizer (as OCRmyPDF's ``_exec/``); Tesseract's is
``ocr/tesseract.py``."""
